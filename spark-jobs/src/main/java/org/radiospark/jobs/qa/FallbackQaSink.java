package org.radiospark.jobs.qa;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes to a primary sink until it fails, then warns once and sends that message and every
 * later one to the fallback, so no message is lost when, say, a broker goes away mid-run.
 *
 * <p>With an {@link AsynchronousQaSink} primary (Kafka), a failure may also be reported after
 * {@code publish} returned, from the producer's thread: that message goes to the fallback too and
 * the sink fails over in the same way. Each message thus ends in the primary or in the fallback.
 * Delivery is at least once, not exactly once: a message whose write the broker did make but whose
 * acknowledgement was lost (a broker dying between the two) is reported failed and written to the
 * fallback as well; readers remove such duplicates by the message id ({@link IdentifiedQaSink},
 * {@link QaAggregator}).
 *
 * <p>The fallback is opened on the first failure only, so a run without failures leaves no empty
 * fallback file. Thread-safety: {@link #publish} is called by one thread; failures reported by the
 * primary's thread are serialised with it on the fallback. The primary is never called while the
 * fallback lock is held, so a primary that blocks in {@code publish} cannot dead-lock its own
 * callback thread.
 */
public final class FallbackQaSink implements QaSink {
  private static final Logger LOG = LoggerFactory.getLogger(FallbackQaSink.class);

  private final QaSink primary;
  private final Supplier<? extends QaSink> fallbackOpener;
  private final AtomicBoolean failedOver = new AtomicBoolean();
  private final Object fallbackLock = new Object();
  private QaSink fallback;
  private long fallbackMessages;
  private boolean closed;

  /** Falls back to an already open sink (closed with this one). */
  public FallbackQaSink(QaSink primary, QaSink fallback) {
    this(primary, () -> fallback);
    this.fallback = Objects.requireNonNull(fallback, "fallback");
  }

  /**
   * Falls back to the sink {@code fallbackOpener} opens at the first failure (e.g. a {@link
   * JsonlQaSink} next to the outputs).
   */
  public FallbackQaSink(QaSink primary, Supplier<? extends QaSink> fallbackOpener) {
    this.primary = Objects.requireNonNull(primary, "primary");
    this.fallbackOpener = Objects.requireNonNull(fallbackOpener, "fallbackOpener");
    if (primary instanceof AsynchronousQaSink async) {
      async.onDeliveryFailure(this::deliveryFailed);
    }
  }

  /** The primary sink. */
  public QaSink primary() {
    return primary;
  }

  /** Whether the primary failed and messages now go to the fallback. */
  public boolean failedOver() {
    return failedOver.get();
  }

  /** Messages written to the fallback so far. */
  public long fallbackMessages() {
    synchronized (fallbackLock) {
      return fallbackMessages;
    }
  }

  @Override
  public void publish(QaMessage message) {
    if (!failedOver.get()) {
      try {
        primary.publish(message);
        return;
      } catch (RuntimeException e) {
        failOver(e);
      }
    }
    toFallback(message);
  }

  /** A delivery the primary reported failed after {@code publish} returned (its own thread). */
  private void deliveryFailed(QaMessage message, Exception cause) {
    failOver(cause);
    try {
      toFallback(message);
    } catch (RuntimeException e) {
      // Nobody up the producer's thread could act on it: say which message is lost and why.
      LOG.error("QA message {} lost: fallback failed too ({})", message.id(), e.getMessage());
    }
  }

  private void failOver(Exception cause) {
    if (failedOver.compareAndSet(false, true)) {
      LOG.warn(
          "QA sink failed ({}); sending QA messages to the fallback from now on",
          cause.getMessage());
    }
  }

  private void toFallback(QaMessage message) {
    synchronized (fallbackLock) {
      if (closed) {
        throw new QaSinkException("QA sink closed; message " + message.id() + " not kept", null);
      }
      if (fallback == null) {
        fallback = Objects.requireNonNull(fallbackOpener.get(), "fallback sink");
      }
      fallback.publish(message);
      fallbackMessages++;
    }
  }

  /**
   * Closes the primary first (a Kafka producer then delivers or reports every pending message,
   * which may still reach the fallback), then the fallback.
   */
  @Override
  public void close() {
    try {
      primary.close();
    } catch (RuntimeException e) {
      LOG.warn("QA sink did not close cleanly: {}", e.getMessage());
    } finally {
      synchronized (fallbackLock) {
        closed = true;
        if (fallback != null) {
          if (fallbackMessages > 0) {
            LOG.warn("{} QA message(s) went to the fallback sink", fallbackMessages);
          }
          fallback.close();
        }
      }
    }
  }
}
