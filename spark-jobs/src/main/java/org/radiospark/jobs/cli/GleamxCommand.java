package org.radiospark.jobs.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.radiospark.jobs.gleamx.GleamxJob;
import org.radiospark.jobs.gleamx.GleamxOptions;
import org.radiospark.jobs.gleamx.SnapshotResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code radiospark gleamx}: the GLEAM-X snapshot pipeline over many snapshots on Spark. */
@Command(
    name = "gleamx",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Runs the GLEAM-X steps (preprocess for raw snapshots, flag, image) for every snapshot of"
          + " SNAPSHOTS.csv, one snapshot per Spark task, each into OUTDIR/OBSID (written"
          + " atomically, with summary.json); a failed snapshot is retried and reported without"
          + " failing the others.",
      "SNAPSHOTS.csv: header with columns obsid, metafits, gpubox, mwaf, uvfits (lists separated"
          + " by ';', paths relative to the CSV); exit status 1 when a snapshot failed."
    })
public final class GleamxCommand implements Callable<Integer> {

  @Option(names = "--snapshots", required = true, paramLabel = "SNAPSHOTS.csv")
  Path snapshots;

  @Option(names = "-name", required = true, paramLabel = "OUTDIR", description = "Output folder.")
  Path outDir;

  @Option(
      names = "--preprocess-args",
      paramLabel = "ARGS",
      description = "Extra preprocess arguments (GLEAM-X: '--time-avg-s 4 --freq-avg-khz 40').")
  String preprocessArgs = "--time-avg-s 4 --freq-avg-khz 40";

  @Option(names = "--flag-args", paramLabel = "ARGS", description = "Extra flag arguments.")
  String flagArgs = "";

  @Option(
      names = "--skymodel",
      paramLabel = "FILE",
      description =
          "Sky model (hyperdrive YAML or GLEAM VOTable): adds the calibrate and apply steps.")
  Path skymodel;

  @Option(
      names = "--calibrate-args",
      paramLabel = "ARGS",
      description = "Extra calibrate arguments (e.g. '--uvmin 75 --cal-type full').")
  String calibrateArgs = "";

  @Option(
      names = "--image-args",
      paramLabel = "ARGS",
      description =
          "image arguments (default: '-size 1024 1024 -scale 1amin -weight briggs 0.5"
              + " -auto-mask 3 -auto-threshold 1 -mgain 0.85 -niter 100000').")
  String imageArgs =
      "-size 1024 1024 -scale 1amin -weight briggs 0.5 -auto-mask 3 -auto-threshold 1"
          + " -mgain 0.85 -niter 100000";

  @Option(
      names = "--catalogue",
      paramLabel = "REF",
      description =
          "Reference catalogue (CSV ra_deg,dec_deg,flux_jy or GLEAM VOTable): adds the postimage"
              + " and rescale steps.")
  Path catalogue;

  @Option(
      names = "--postimage-args",
      paramLabel = "ARGS",
      description = "Extra postimage arguments (e.g. '--warp-order 1').")
  String postimageArgs = "";

  @Option(
      names = "--attempts",
      paramLabel = "N",
      description = "Tries per snapshot before it is reported as failed (2).")
  int attempts = 2;

  @Option(names = "--resume", description = "Skip snapshots whose folder is complete.")
  boolean resume;

  @Option(names = "--overwrite", description = "Redo snapshots whose folder exists.")
  boolean overwrite;

  @Option(names = "--master", paramLabel = "URL", description = "Spark master (local[*]).")
  String master;

  @Override
  public Integer call() throws Exception {
    if (attempts < 1) {
      throw new RadioSparkCli.BadOptionException("--attempts must be at least 1, not " + attempts);
    }
    List<SnapshotResult> results = GleamxJob.main(toOptions(), master);
    return results.stream().anyMatch(r -> SnapshotResult.FAILED.equals(r.status))
        ? ExitCodes.FAILURE
        : ExitCodes.OK;
  }

  GleamxOptions toOptions() {
    return new GleamxOptions(
        snapshots.toString(),
        outDir.toString(),
        split(preprocessArgs),
        split(flagArgs),
        skymodel == null ? null : skymodel.toAbsolutePath().toString(),
        split(calibrateArgs),
        split(imageArgs),
        catalogue == null ? null : catalogue.toAbsolutePath().toString(),
        split(postimageArgs),
        attempts,
        resume,
        overwrite);
  }

  private static List<String> split(String s) {
    return new ArrayList<>(
        Arrays.stream(s.trim().split("\\s+")).filter(t -> !t.isEmpty()).toList());
  }
}
