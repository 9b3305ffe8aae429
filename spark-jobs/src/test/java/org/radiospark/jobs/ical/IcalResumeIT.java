package org.radiospark.jobs.ical;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radiospark.jobs.cli.RadioSparkCli.BadOptionException;
import org.radiospark.jobs.config.SparkSessions;

/**
 * Issue 8, resume: a run killed after its third major loop restarts from the checkpoint with {@code
 * --resume} and writes outputs identical (bit for bit) to an undisturbed run's; a checkpoint made
 * with other options is refused.
 */
class IcalResumeIT {
  private static SparkSession spark;
  @TempDir static Path dir;

  @BeforeAll
  static void start() {
    spark = SparkSessions.session("ical-resume-it", "local[2]");
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  private static IcalOptions options(Path data, String name) {
    return IcalData.options(data, dir.resolve(name), 64, 8, 6, 3, "partitioner", 2, 2);
  }

  @Test
  void killedRunResumesFromItsLastLoopWithIdenticalOutputs() throws Exception {
    Path data = IcalData.simulate(dir, 16, 2, 2, 7);
    IcalJob.Result undisturbed = IcalJob.run(options(data, "a"), () -> spark);

    // kill: once the checkpoint says three loops are done, cancel every Spark job until the run
    // gives up
    IcalOptions b = options(data, "b");
    Path state = IcalCheckpoint.directory(b.prefix()).resolve("state.json");
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicInteger cancels = new AtomicInteger();
    Thread killer =
        new Thread(
            () -> {
              while (running.get()) {
                if (doneLoops(state) >= 3) {
                  spark.sparkContext().cancelAllJobs();
                  cancels.incrementAndGet();
                }
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
    killer.start();
    try {
      assertThrows(Exception.class, () -> IcalJob.run(b, () -> spark), "the killed run fails");
    } finally {
      running.set(false);
      killer.join();
    }
    assertTrue(cancels.get() > 0);
    int done = doneLoops(state);
    assertTrue(done >= 3 && done < 6, "checkpoint after loop " + done);
    for (Path p : IcalJob.outputNames(b.prefix()).values()) {
      assertFalse(Files.exists(p), "a killed run leaves no " + p);
    }

    // a checkpoint of other options is refused, and left alone
    assertThrows(
        BadOptionException.class,
        () ->
            IcalJob.run(IcalData.with(IcalData.with(b, "gain", 0.2), "resume", true), () -> spark));
    assertTrue(Files.exists(state));

    IcalJob.Result resumed = IcalJob.run(IcalData.with(b, "resume", true), () -> spark);
    assertNull(resumed.metrics().get(0, "psf"), "the resumed run did not start again");
    assertNotNull(resumed.metrics().get(done, "predict_solve_correct_grid"));
    assertArrayEquals(undisturbed.restored().pixels(), resumed.restored().pixels());
    assertArrayEquals(undisturbed.residual().pixels(), resumed.residual().pixels());
    assertArrayEquals(undisturbed.model().pixels(), resumed.model().pixels());
    assertArrayEquals(undisturbed.dirty().pixels(), resumed.dirty().pixels());
    assertArrayEquals(undisturbed.gains().jones(), resumed.gains().jones());
    assertEquals(
        Files.readString(IcalJob.outputNames(options(data, "a").prefix()).get("components")),
        Files.readString(IcalJob.outputNames(b.prefix()).get("components")));
    assertFalse(Files.exists(state.getParent()), "the checkpoint goes once outputs are written");
    System.out.printf(
        "ical resume: killed after loop %d of 6, resumed; restored, residual, model, gains"
            + " identical to the undisturbed run%n",
        done);
  }

  private static int doneLoops(Path state) {
    try {
      return Files.exists(state)
          ? new ObjectMapper().readTree(state.toFile()).path("nextLoop").asInt()
          : 0;
    } catch (Exception e) {
      return 0; // being replaced right now
    }
  }
}
