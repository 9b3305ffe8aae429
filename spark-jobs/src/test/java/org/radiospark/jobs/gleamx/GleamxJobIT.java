package org.radiospark.jobs.gleamx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radiospark.jobs.cli.RadioSparkCli.BadOptionException;
import org.radiospark.jobs.config.SparkSessions;
import org.radiospark.kernels.io.FitsImageReader;
import org.radiospark.kernels.testing.DataSamples;

/**
 * Issue 4's {@code gleamx} driver on local Spark: one snapshot per task, each into its own folder
 * atomically; a broken snapshot is retried and reported while the others finish; {@code --resume}
 * skips complete snapshots (issue 8).
 */
class GleamxJobIT {
  private static SparkSession spark;
  @TempDir static Path dir;

  @BeforeAll
  static void start() {
    spark = SparkSessions.session("gleamx-it", "local[2]");
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  private static GleamxOptions options(Path csv, Path out, boolean resume) throws Exception {
    return new GleamxOptions(
        csv.toString(),
        out.toString(),
        List.of(),
        List.of(),
        skymodel().toString(),
        List.of("--cal-type", "diagonal"),
        List.of(
            "-size",
            "256",
            "256",
            "-scale",
            "4amin",
            "-weight",
            "briggs",
            "0.5",
            "-niter",
            "300",
            "-mgain",
            "0.85",
            "-auto-threshold",
            "3"),
        catalogue().toString(),
        List.of("--warp-order", "1", "--flux-order", "0", "--min-snr", "5"),
        2,
        resume,
        false);
  }

  @Test
  void snapshotsRunApartAndABrokenOneFailsAlone() throws Exception {
    Path sample = DataSamples.path("mwa-phase2-snapshot.uvfits");
    Path garbage = Files.write(dir.resolve("broken.uvfits"), new byte[5000]);
    Path csv =
        Files.writeString(
            dir.resolve("snapshots.csv"),
            "obsid,uvfits\nsnapA,"
                + sample
                + "\nbroken,"
                + garbage.getFileName()
                + "\nsnapB,"
                + sample
                + "\n");
    Path out = dir.resolve("out");

    Map<String, SnapshotResult> r = byObsid(GleamxJob.run(options(csv, out, false), () -> spark));
    assertEquals(SnapshotResult.OK, r.get("snapA").status, r.get("snapA").error);
    assertEquals(SnapshotResult.OK, r.get("snapB").status, r.get("snapB").error);
    assertEquals(1, r.get("snapA").attempts);
    assertEquals(SnapshotResult.FAILED, r.get("broken").status);
    assertEquals(2, r.get("broken").attempts, "retried");
    assertTrue(r.get("broken").error.startsWith("flag (exit 2)"), r.get("broken").error);
    assertEquals(
        List.of("flag", "calibrate", "apply", "image", "postimage", "rescale"),
        List.of(r.get("snapA").steps));
    System.out.printf(
        "gleamx: snapA %s in %.1f s (steps %s), image rms %.3g Jy/beam, peak %.3g; broken: %s%n",
        r.get("snapA").status,
        r.get("snapA").seconds,
        String.join(",", r.get("snapA").steps),
        r.get("snapA").imageRmsJy,
        r.get("snapA").imagePeakJy,
        r.get("broken").error);

    // complete folders only, nothing half-written
    for (String id : List.of("snapA", "snapB")) {
      assertTrue(Files.exists(out.resolve(id).resolve(id + "-image.fits")));
      assertTrue(Files.exists(out.resolve(id).resolve(id + "-comp.fits")));
      assertTrue(Files.exists(out.resolve(id).resolve(id + "-rescaled.fits")));
      // every image of the snapshot has its quick-look; the catalogue is also a Parquet table
      // (written inside the executor task, without a session)
      assertTrue(
          org.radiospark.jobs.cli.QuickLookCheck.assertEveryFitsImageHasPng(out.resolve(id)).size()
              >= 9,
          "WSClean's five images, bkg, rms, warped and rescaled");
      assertTrue(Files.exists(out.resolve(id).resolve(id + "-comp.parquet").resolve("_SUCCESS")));
      assertTrue(SnapshotPipeline.complete(out.resolve(id)));
    }
    assertFalse(Files.exists(out.resolve("broken")));
    try (Stream<Path> s = Files.list(out)) {
      assertEquals(
          List.of("gleamx-summary.json", "snapA", "snapB"),
          s.map(p -> p.getFileName().toString()).sorted().toList());
    }
    assertTrue(Files.readString(out.resolve(GleamxJob.RUN_SUMMARY)).contains("\"broken\""));
    // the same input gives the same image wherever its task ran
    assertArrayEquals(
        FitsImageReader.readImage(out.resolve("snapA/snapA-image.fits")).pixels(),
        FitsImageReader.readImage(out.resolve("snapB/snapB-image.fits")).pixels());

    // again: existing folders are not silently redone; --resume skips the complete ones
    assertThrows(
        BadOptionException.class, () -> GleamxJob.run(options(csv, out, false), () -> spark));
    Map<String, SnapshotResult> again =
        byObsid(GleamxJob.run(options(csv, out, true), () -> spark));
    assertEquals(SnapshotResult.SKIPPED, again.get("snapA").status);
    assertEquals(SnapshotResult.SKIPPED, again.get("snapB").status);
    assertEquals(SnapshotResult.FAILED, again.get("broken").status);
  }

  /** The sample's true sky as a hyperdrive YAML source list (point sources, power laws). */
  private static Path skymodel() throws Exception {
    Path yaml = dir.resolve("sky.yaml");
    if (!Files.exists(yaml)) {
      var truth =
          org.radiospark.kernels.simulation.TruthFile.read(
              DataSamples.path("mwa-phase2-snapshot.truth.json"));
      StringBuilder b = new StringBuilder();
      int n = 0;
      for (var c : truth.components()) {
        b.append(
            String.format(
                java.util.Locale.ROOT,
                "src%d:%n- ra: %.9f%n  dec: %.9f%n  comp_type: point%n  flux_type:%n"
                    + "    power_law:%n      si: %.6f%n      fd:%n        freq: %.1f%n"
                    + "        i: %.9f%n",
                n++,
                Math.toDegrees(c.raRad()),
                Math.toDegrees(c.decRad()),
                c.spectralIndex(),
                c.refFreqHz(),
                c.fluxJy()[0]));
      }
      Files.writeString(yaml, b);
    }
    return yaml;
  }

  /** The sample's true sky as the reference catalogue (CSV ra_deg, dec_deg, flux_jy). */
  private static Path catalogue() throws Exception {
    Path csv = dir.resolve("reference.csv");
    if (!Files.exists(csv)) {
      var truth =
          org.radiospark.kernels.simulation.TruthFile.read(
              DataSamples.path("mwa-phase2-snapshot.truth.json"));
      StringBuilder b = new StringBuilder("ra_deg,dec_deg,flux_jy\n");
      for (var c : truth.components()) {
        b.append(Math.toDegrees(c.raRad()))
            .append(',')
            .append(Math.toDegrees(c.decRad()))
            .append(',')
            .append(c.fluxAt(0, 215.68e6))
            .append('\n');
      }
      Files.writeString(csv, b);
    }
    return csv;
  }

  private static Map<String, SnapshotResult> byObsid(List<SnapshotResult> all) {
    return all.stream().collect(Collectors.toMap(s -> s.obsid, Function.identity()));
  }
}
