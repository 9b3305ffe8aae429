package org.radiospark.jobs.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.radiospark.jobs.cli.RadioSparkCli;
import org.radiospark.jobs.imaging.ImageJob;
import org.radiospark.kernels.io.FitsImageReader;
import org.radiospark.kernels.io.GainTableFits;
import org.radiospark.kernels.model.Image;
import org.radiospark.kernels.testing.DataSamples;

/**
 * The ICAL run the cluster tests submit: {@code bin/radiospark ical} on the committed sample
 * ({@code data-samples/ska1mid-ical.uvfits}, 48 dishes, 4 x 60 s, 8 channels) at 128^2 x 6", two
 * major loops with diagonal self-calibration, two frequency partitions and blocks; small so that a
 * loopback cluster on a shared machine finishes it in well under a minute.
 */
final class SmallIcal {
  private SmallIcal() {}

  /** Runs the command line with {@code --master master}, writing {@code prefix-*}; exit status. */
  static int run(Path prefix, String master) {
    String[] args = {
      "ical",
      "-name",
      prefix.toString(),
      "-size",
      "128",
      "128",
      "-scale",
      "6asec",
      "--nmajor",
      "2",
      "--nselfcal",
      "1",
      "--facets",
      "2x2",
      "--freq-partitions",
      "2",
      "--freq-blocks",
      "2",
      "--cal-type",
      "diagonal",
      "-auto-threshold",
      "1",
      "-auto-mask",
      "3",
      "-niter",
      "100000",
      "-j",
      "1",
      "--master",
      master,
      DataSamples.path("ska1mid-ical.uvfits").toString()
    };
    StringWriter err = new StringWriter();
    int status =
        RadioSparkCli.execute(new PrintWriter(System.out, true), new PrintWriter(err), args);
    System.err.print(err);
    return status;
  }

  /** Every file {@code radiospark ical} writes for {@code prefix}. */
  static List<Path> outputs(Path prefix) {
    List<Path> out = new ArrayList<>(ImageJob.outputNames(prefix.toString(), 1).values());
    out.add(Path.of(prefix + "-gains.fits"));
    out.add(Path.of(prefix + "-components.csv"));
    out.add(Path.of(prefix + "-metrics.json"));
    return out;
  }

  /** Asserts that every output of {@code prefix} exists and is not empty. */
  static void assertOutputsWritten(Path prefix) throws IOException {
    for (Path p : outputs(prefix)) {
      assertTrue(Files.isRegularFile(p) && Files.size(p) > 0, "missing output " + p);
    }
  }

  /**
   * {@code max |a - b| / max |a|} over the pixels of the restored images ({@code
   * PREFIX-image.fits}) of two runs.
   */
  static double restoredRelativeDifference(Path a, Path b) throws IOException {
    Image ia = FitsImageReader.readImage(Path.of(a + "-image.fits"));
    Image ib = FitsImageReader.readImage(Path.of(b + "-image.fits"));
    assertEquals(ia.pixels().length, ib.pixels().length, "image sizes");
    double peak = 0;
    double diff = 0;
    for (int i = 0; i < ia.pixels().length; i++) {
      peak = Math.max(peak, Math.abs(ia.pixels()[i]));
      diff = Math.max(diff, Math.abs(ia.pixels()[i] - ib.pixels()[i]));
    }
    assertTrue(peak > 0, "restored image of " + a + " is empty");
    return diff / peak;
  }

  /** {@code max |a - b|} over the gain Jones elements of two runs, and their count. */
  static double gainMaxDifference(Path a, Path b) throws IOException {
    double[] ja = GainTableFits.read(Path.of(a + "-gains.fits")).jones();
    double[] jb = GainTableFits.read(Path.of(b + "-gains.fits")).jones();
    assertEquals(ja.length, jb.length, "gain table sizes");
    double diff = 0;
    for (int i = 0; i < ja.length; i++) {
      diff = Math.max(diff, Math.abs(ja[i] - jb[i]));
    }
    return diff;
  }
}
