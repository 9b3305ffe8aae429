package org.radiospark.jobs.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radiospark.jobs.cli.ImageCommand;
import org.radiospark.jobs.cli.SyntheticUvfits;
import org.radiospark.jobs.config.SparkSessions;
import org.radiospark.jobs.imaging.ImageJob;
import org.radiospark.kernels.io.UvfitsData;
import org.radiospark.kernels.io.UvfitsReadOptions;
import org.radiospark.kernels.io.UvfitsReader;

/**
 * Issue 8 part 5, the structure: with Spark, {@code image} never reads visibilities on the driver.
 * Measured as the bytes the driver's thread allocates while the job runs (Spark's tasks run on
 * executor threads, even on a local master): reading the file whole allocates more than the file
 * (checked here, so the measure can see it), while the job's allocations do not grow with the file:
 * four times the data, a small fraction of the difference more. Also: an executor that cannot see
 * the planned file fails with a message saying why.
 */
class DriverHoldsNoVisibilitiesIT {
  private static SparkSession spark;
  @TempDir static Path dir;
  private static Path small;
  private static Path input;

  @BeforeAll
  static void start() throws Exception {
    spark = SparkSessions.session("driver-holds-no-visibilities-it", "local[2]");
    small = writeInput(dir.resolve("small.uvfits"), 8);
    input = writeInput(dir.resolve("wide.uvfits"), 32);
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  /**
   * 40 antennas (780 baselines) x {@code steps} time steps x 96 channels x XX, YY (1.8 MB per
   * step), a point source of 1 Jy at the phase centre plus noise ({@link SyntheticUvfits}).
   */
  private static Path writeInput(Path file, int steps) throws Exception {
    // a step's groups take 1.82 MB: a target of 1.8 MB per step gives exactly `steps` steps
    int written = new SyntheticUvfits(40, 96, steps * 1_800_000L, 5).write(file).timeSteps();
    if (written != steps) {
      throw new IllegalStateException(written + " time steps written, " + steps + " wanted");
    }
    return file;
  }

  private static long allocatedByThisThread() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getCurrentThreadAllocatedBytes();
  }

  @Test
  void imageAllocatesAFractionOfTheDataOnTheDriver() throws Exception {
    long fileBytes = Files.size(input);
    long before = allocatedByThisThread();
    UvfitsData whole = UvfitsReader.read(input, UvfitsReadOptions.defaults());
    long wholeRead = allocatedByThisThread() - before;
    assertTrue(wholeRead > fileBytes, "a whole read allocates the data: " + wholeRead + " B");
    assertEquals(96, whole.block().nChan());
    whole = null;

    // What the driver allocates besides data (Spark's job submission, the products it writes) does
    // not depend on the data's size; holding the data would. So: a warm-up run, then the driver's
    // allocations for a file and for one four times larger.
    imageOnDriverThread(small, "warm");
    long forSmall = imageOnDriverThread(small, "small");
    long forLarge = imageOnDriverThread(input, "large");
    long growth = forLarge - forSmall;
    long moreData = fileBytes - Files.size(small);
    System.out.printf(
        java.util.Locale.ROOT,
        "driver thread allocations: whole read of %d B file %d B; image of %d B file %d B,"
            + " of %d B file %d B%n",
        fileBytes,
        wholeRead,
        Files.size(small),
        forSmall,
        fileBytes,
        forLarge);
    assertTrue(
        growth < moreData / 4,
        "the driver thread allocated "
            + forSmall
            + " B imaging a file of "
            + Files.size(small)
            + " B and "
            + forLarge
            + " B for one of "
            + fileBytes
            + " B (a whole read of the latter allocates "
            + wholeRead
            + " B)");
    assertTrue(Files.isRegularFile(dir.resolve("large-MFS-image.fits")));
  }

  /** Bytes this thread allocates while {@code image} runs on {@code file}. */
  private static long imageOnDriverThread(Path file, String prefix) {
    String[] args = {
      "-size",
      "128",
      "128",
      "-scale",
      "20asec",
      "-niter",
      "20",
      "-weight",
      "natural",
      "-channels-out",
      "4",
      "-name",
      dir.resolve(prefix).toString(),
      file.toString()
    };
    long before = allocatedByThisThread();
    ImageJob.run(ImageCommand.parseOptions(args), () -> spark);
    return allocatedByThisThread() - before;
  }

  @Test
  void anExecutorThatCannotSeeTheFileSaysWhy() throws Exception {
    long size = Files.size(input);
    IllegalStateException missing =
        assertThrows(
            IllegalStateException.class,
            () ->
                VisibilitySource.readOnExecutor(
                    dir.resolve("elsewhere.uvfits").toString(), size, false, 0, 1));
    assertTrue(missing.getMessage().contains("no such readable file"), missing.getMessage());
    assertTrue(missing.getMessage().contains("every executor mounts"), missing.getMessage());
    IllegalStateException changed =
        assertThrows(
            IllegalStateException.class,
            () -> VisibilitySource.readOnExecutor(input.toString(), size + 2880, false, 0, 1));
    assertTrue(changed.getMessage().contains("the driver saw"), changed.getMessage());
  }
}
