package org.radiospark.kernels.fft;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * Runs independent tasks {@code 0..nTasks-1} on a caller-chosen number of threads, with dynamic
 * scheduling (each thread takes the next task index from a shared counter).
 *
 * <p>No static pool and no global setting: the threads live for one call. The calling thread works
 * too, so {@code nThreads = 1} runs everything in the caller without creating a thread. Starting a
 * platform thread costs tens of microseconds, negligible against the grids and FFTs this serves.
 */
public final class ParallelFor {
  private ParallelFor() {}

  /**
   * Calls {@code task.accept(i)} once for every {@code i} in {@code [0, nTasks)}.
   *
   * @param nThreads maximum number of threads (including the caller), at least 1
   * @param nTasks number of tasks, at least 0
   * @param task the work; must be safe to run concurrently for different indices
   * @throws RuntimeException the first exception thrown by a task (others are suppressed into it)
   */
  public static void run(int nThreads, int nTasks, IntConsumer task) {
    if (nThreads < 1) {
      throw new IllegalArgumentException("nThreads must be >= 1: " + nThreads);
    }
    int n = Math.min(nThreads, nTasks);
    if (n <= 1) {
      for (int i = 0; i < nTasks; i++) {
        task.accept(i);
      }
      return;
    }
    AtomicInteger next = new AtomicInteger();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Runnable worker =
        () -> {
          try {
            for (int i = next.getAndIncrement(); i < nTasks; i = next.getAndIncrement()) {
              if (failure.get() != null) {
                return;
              }
              task.accept(i);
            }
          } catch (Throwable t) {
            if (!failure.compareAndSet(null, t)) {
              failure.get().addSuppressed(t);
            }
          }
        };
    Thread[] threads = new Thread[n - 1];
    for (int t = 0; t < threads.length; t++) {
      threads[t] = new Thread(worker, "radiospark-worker-" + t);
      threads[t].setDaemon(true);
      threads[t].start();
    }
    worker.run();
    for (Thread t : threads) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for workers", e);
      }
    }
    Throwable f = failure.get();
    if (f instanceof RuntimeException r) {
      throw r;
    }
    if (f instanceof Error e) {
      throw e;
    }
    if (f != null) {
      throw new IllegalStateException(f);
    }
  }
}
