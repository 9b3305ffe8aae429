package org.radiospark.jobs.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.radiospark.jobs.config.OutputSet;
import org.radiospark.kernels.io.UvfitsData;
import org.radiospark.kernels.io.UvfitsReadOptions;
import org.radiospark.kernels.io.UvfitsReader;
import org.radiospark.kernels.io.UvfitsWriter;
import org.radiospark.kernels.model.VisibilityBlock;
import org.radiospark.kernels.mwacal.SolutionsFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code radiospark apply}: corrects a UVFITS file by calibration solutions ({@code calibrate}'s
 * gain-table FITS), {@code J_p^-1 V J_q^-H}, and writes the corrected UVFITS. A local run (no
 * Spark): {@link SolutionsFile#apply} does the work.
 */
@Command(
    name = "apply",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Applies calibration solutions to a UVFITS file. Channels take the solution block",
      "holding their frequency; single-interval solutions apply at any time."
    })
public final class ApplyCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "INPUT.uvfits", description = "Visibilities (UVFITS).")
  Path input;

  @Option(
      names = "--solutions",
      required = true,
      paramLabel = "SOLUTIONS.fits",
      description = "Solutions written by 'radiospark calibrate'.")
  Path solutions;

  @Option(
      names = "--ignore-flags",
      description = "Treat every input sample as unflagged (files whose weights are all <= 0).")
  boolean ignoreFlags;

  @Option(
      names = {"-o", "--output"},
      required = true,
      paramLabel = "OUT.uvfits")
  Path output;

  @Option(names = "--overwrite", description = "Replace an existing output.")
  boolean overwrite;

  @Override
  public Integer call() throws Exception {
    try (OutputSet outputs = new OutputSet(overwrite)) {
      Path tmp = outputs.stage(output);
      UvfitsData d =
          UvfitsReader.read(input, UvfitsReadOptions.defaults().withIgnoreFlags(ignoreFlags));
      VisibilityBlock corrected = SolutionsFile.apply(solutions, d.block());
      long before = count(d.block().flag());
      long after = count(corrected.flag());
      outputs.createDirectories();
      UvfitsWriter.write(
          tmp,
          new UvfitsData(
              corrected,
              d.antennas(),
              d.antennaTable(),
              d.object(),
              d.telescope(),
              d.instrument(),
              d.equinox(),
              d.dateObs()),
          true);
      outputs.commit();
      System.err.printf(
          "apply: wrote %s (%d rows x %d channels; %d samples flagged by missing solutions)%n",
          output, corrected.nRows(), corrected.nChan(), after - before);
    }
    return ExitCodes.OK;
  }

  private static long count(boolean[] f) {
    long n = 0;
    for (boolean b : f) {
      if (b) {
        n++;
      }
    }
    return n;
  }
}
