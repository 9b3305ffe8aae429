package org.radiospark.jobs.sql;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import org.radiospark.jobs.cli.RadioSparkCli.BadOptionException;
import org.radiospark.kernels.io.UvfitsData;
import org.radiospark.kernels.io.UvfitsReadOptions;
import org.radiospark.kernels.io.UvfitsReader;
import org.radiospark.kernels.model.VisibilityBlock;

/** A job's visibility input: a UVFITS file, or a Parquet table of {@link VisibilityTable}. */
public final class VisibilityInput {
  private VisibilityInput() {}

  /**
   * Plans {@code input} on the driver without reading its visibilities ({@link VisibilitySource}):
   * a UVFITS file's header, tables and random parameters ({@link UvfitsReader#plan}, every check of
   * the whole-file reader but those on visibility values, so bad input fails before a session
   * starts), or a table's metadata and row times (needs the session).
   *
   * @param spark supplies the session for a table; null where Spark is not available
   */
  public static VisibilitySource open(
      String input, UvfitsReadOptions o, Supplier<SparkSession> spark) throws IOException {
    Path p = Path.of(input);
    if (!VisibilityTable.isTable(p)) {
      return new VisibilitySource(input, UvfitsReader.plan(p, o), false, Files.size(p));
    }
    if (spark == null) {
      throw new BadOptionException(input + ": a Parquet visibility table needs Spark to read");
    }
    if (o.firstChannel() != 0 || o.channelCount() != UvfitsReadOptions.ALL_CHANNELS) {
      throw new BadOptionException(input + ": channel selection applies to UVFITS input only");
    }
    return new VisibilitySource(
        input, VisibilityTable.plan(spark.get(), p, o.ignoreFlags()), true, 0);
  }

  /**
   * Reads {@code input} whole, in this JVM (where one task owns a small input; jobs that distribute
   * their input use {@link #open}). UVFITS is read without Spark (bad input fails before a session
   * starts); a table needs the session.
   *
   * @param spark supplies the session for a table; null where Spark is not available
   */
  public static UvfitsData read(String input, UvfitsReadOptions o, Supplier<SparkSession> spark)
      throws IOException {
    Path p = Path.of(input);
    if (!VisibilityTable.isTable(p)) {
      return UvfitsReader.read(p, o);
    }
    if (spark == null) {
      throw new BadOptionException(input + ": a Parquet visibility table needs Spark to read");
    }
    if (o.firstChannel() != 0 || o.channelCount() != UvfitsReadOptions.ALL_CHANNELS) {
      throw new BadOptionException(input + ": channel selection applies to UVFITS input only");
    }
    UvfitsData d = VisibilityTable.read(spark.get(), p);
    if (!o.ignoreFlags()) {
      return d;
    }
    VisibilityBlock b = d.block();
    java.util.Arrays.fill(b.flag(), false);
    for (int i = 0; i < b.weight().length; i++) {
      b.weight()[i] = Math.abs(b.weight()[i]);
    }
    return d;
  }
}
