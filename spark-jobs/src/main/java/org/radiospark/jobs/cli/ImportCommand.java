package org.radiospark.jobs.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.radiospark.jobs.config.OutputSet;
import org.radiospark.jobs.config.SparkSessions;
import org.radiospark.jobs.sql.VisibilityTable;
import org.radiospark.kernels.io.UvfitsData;
import org.radiospark.kernels.io.UvfitsReadOptions;
import org.radiospark.kernels.io.UvfitsReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code radiospark import}: UVFITS to a Parquet visibility table for Spark SQL. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Writes INPUT.uvfits as a Parquet table (one row per visibility row and channel,"
          + " partitioned by frequency block) that Spark SQL queries and ical/image read.",
      "Schema: README, 'Spark SQL'."
    })
public final class ImportCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "INPUT.uvfits")
  Path input;

  @Option(
      names = {"-o", "--output"},
      required = true,
      paramLabel = "OUT.parquet")
  Path output;

  @Option(
      names = "--freq-blocks",
      paramLabel = "B",
      description = "Frequency blocks (Parquet partitions freq_block=0..B-1; 8).")
  int freqBlocks = 8;

  @Option(names = "--master", paramLabel = "URL", description = "Spark master (local[*]).")
  String master;

  @Option(names = "--overwrite", description = "Replace an existing table.")
  boolean overwrite;

  @Override
  public Integer call() throws Exception {
    if (freqBlocks < 1) {
      throw new RadioSparkCli.BadOptionException("--freq-blocks must be >= 1, not " + freqBlocks);
    }
    try (OutputSet outputs = new OutputSet(overwrite)) {
      Path staged = outputs.stage(output);
      UvfitsData data = UvfitsReader.read(input, UvfitsReadOptions.defaults());
      SparkSession spark = SparkSessions.session("radiospark import", master);
      try {
        VisibilityTable.write(spark, data, staged, freqBlocks);
      } finally {
        spark.stop();
      }
      outputs.commit();
      System.err.printf(
          "import: %d rows x %d channels x %d correlations -> %s%n",
          data.block().nRows(), data.block().nChan(), data.block().nPol(), output);
    }
    return ExitCodes.OK;
  }
}
