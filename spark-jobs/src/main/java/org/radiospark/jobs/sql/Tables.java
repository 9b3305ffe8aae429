package org.radiospark.jobs.sql;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.radiospark.jobs.pulsar.SearchReport.FoldedCandidate;
import org.radiospark.kernels.model.GainTable;
import org.radiospark.kernels.model.SkyComponent;
import org.radiospark.kernels.pulsar.Candidate;
import org.radiospark.kernels.pulsar.FoldedProfile;
import org.radiospark.kernels.pulsar.SinglePulseEvent;
import org.radiospark.kernels.sourcefinding.ComponentCatalogue;
import org.radiospark.kernels.sourcefinding.ComponentErrors;
import org.radiospark.kernels.sourcefinding.SourceComponent;

/**
 * Pipeline products as Spark SQL DataFrames, written as Parquet beside their FITS/CSV forms. The
 * schemas are part of the interface (README, "Spark SQL").
 *
 * <p>Each table has a schema ({@code xxxSchema()}), its rows ({@code xxxRows(...)}, for writing
 * without a session through {@link #writeLocal}) and a DataFrame ({@code xxx(spark, ...)}) made of
 * the same rows, so a table read back from Parquet equals the DataFrame built in memory.
 */
public final class Tables {
  private Tables() {}

  /**
   * Gains: one row per solution interval, frequency block and antenna; the Jones matrix row-major
   * as 8 doubles (as in the gains FITS table), plus amplitude and phase (degrees) of the diagonal.
   */
  public static StructType gainsSchema() {
    StructType t =
        new StructType()
            .add("solint", DataTypes.IntegerType, false)
            .add("chanblk", DataTypes.IntegerType, false)
            .add("antenna", DataTypes.IntegerType, false)
            .add("antname", DataTypes.StringType, false)
            .add("time_start_mjd_sec", DataTypes.DoubleType, false)
            .add("time_end_mjd_sec", DataTypes.DoubleType, false)
            .add("freq_hz", DataTypes.DoubleType, false);
    for (String j : new String[] {"j00", "j01", "j10", "j11"}) {
      t = t.add(j + "_re", DataTypes.DoubleType, false).add(j + "_im", DataTypes.DoubleType, false);
    }
    return t.add("amp_xx", DataTypes.DoubleType, false)
        .add("phase_xx_deg", DataTypes.DoubleType, false)
        .add("amp_yy", DataTypes.DoubleType, false)
        .add("phase_yy_deg", DataTypes.DoubleType, false)
        .add("flagged", DataTypes.BooleanType, false);
  }

  /** The gain table as a DataFrame ({@link #gainsSchema()}). */
  public static Dataset<Row> gains(SparkSession spark, GainTable g, List<String> names) {
    List<Row> rows = new ArrayList<>();
    double[] j = g.jones();
    for (int s = 0; s < g.nSlots(); s++) {
      for (int b = 0; b < g.nChanBlocks(); b++) {
        for (int a = 0; a < g.nAnt(); a++) {
          int c = g.cell(s, b, a);
          int o = 8 * c;
          rows.add(
              RowFactory.create(
                  s,
                  b,
                  a,
                  names.get(a),
                  g.slotStartMjdSec()[s],
                  g.slotEndMjdSec()[s],
                  g.blockFreqHz()[b],
                  j[o],
                  j[o + 1],
                  j[o + 2],
                  j[o + 3],
                  j[o + 4],
                  j[o + 5],
                  j[o + 6],
                  j[o + 7],
                  Math.hypot(j[o], j[o + 1]),
                  Math.toDegrees(Math.atan2(j[o + 1], j[o])),
                  Math.hypot(j[o + 6], j[o + 7]),
                  Math.toDegrees(Math.atan2(j[o + 7], j[o + 6])),
                  g.flagged()[c]));
        }
      }
    }
    return spark.createDataFrame(rows, gainsSchema());
  }

  /** Sky components: position (degrees), Stokes I at the reference frequency, spectrum, shape. */
  public static StructType componentsSchema() {
    return new StructType()
        .add("ra_deg", DataTypes.DoubleType, false)
        .add("dec_deg", DataTypes.DoubleType, false)
        .add("i_jy", DataTypes.DoubleType, false)
        .add("ref_freq_hz", DataTypes.DoubleType, false)
        .add("spectral_index", DataTypes.DoubleType, false)
        .add("major_arcsec", DataTypes.DoubleType, false)
        .add("minor_arcsec", DataTypes.DoubleType, false)
        .add("pa_deg", DataTypes.DoubleType, false);
  }

  /** Components as a DataFrame ({@link #componentsSchema()}). */
  public static Dataset<Row> components(SparkSession spark, List<SkyComponent> comps) {
    List<Row> rows = new ArrayList<>();
    for (SkyComponent c : comps) {
      rows.add(
          RowFactory.create(
              Math.toDegrees(c.raRad()),
              Math.toDegrees(c.decRad()),
              c.fluxJy()[0],
              c.refFreqHz(),
              c.spectralIndex(),
              Math.toDegrees(c.majorRad()) * 3600,
              Math.toDegrees(c.minorRad()) * 3600,
              Math.toDegrees(c.paRad())));
    }
    return spark.createDataFrame(rows, componentsSchema());
  }

  /** Writes {@code df} as one Parquet file in the folder {@code dir}. */
  public static void writeParquet(Dataset<Row> df, Path dir) {
    df.coalesce(1).write().mode(SaveMode.Overwrite).parquet(dir.toString());
  }

  /**
   * Writes rows of {@code schema} as a Parquet table folder without a Spark session ({@link
   * LocalParquet}); {@code spark.read().parquet(dir)} gives the DataFrame of the same rows.
   */
  public static void writeLocal(StructType schema, List<Row> rows, Path dir) throws IOException {
    LocalParquet.write(dir, schema, rows);
  }

  /**
   * Source-finder components (postimage's {@code PREFIX-comp}, {@code PREFIX-warped-comp},
   * rescale's {@code PREFIX-rescaled-comp}): Aegean's columns in the order and units of {@link
   * ComponentCatalogue#COLUMNS}; {@code island}, {@code source} and {@code flags} are integers,
   * every other column a double.
   */
  public static StructType catalogueSchema() {
    StructType t = new StructType();
    for (String c : ComponentCatalogue.COLUMNS) {
      t = t.add(c, integerColumn(c) ? DataTypes.IntegerType : DataTypes.DoubleType, false);
    }
    return t;
  }

  private static boolean integerColumn(String c) {
    return c.equals("island") || c.equals("source") || c.equals("flags");
  }

  /** The rows of {@link #catalogueSchema()}, one per component, in list order. */
  public static List<Row> catalogueRows(List<SourceComponent> comps) {
    List<Row> rows = new ArrayList<>(comps.size());
    for (SourceComponent c : comps) {
      ComponentErrors e = c.errors();
      rows.add(
          RowFactory.create(
              c.island(),
              c.source(),
              c.background(),
              c.localRms(),
              c.raDeg(),
              e.raDeg(),
              c.decDeg(),
              e.decDeg(),
              c.peakFlux(),
              e.peakFlux(),
              c.intFlux(),
              e.intFlux(),
              c.aArcsec(),
              e.aArcsec(),
              c.bArcsec(),
              e.bArcsec(),
              c.paDeg(),
              e.paDeg(),
              c.flags(),
              c.xPix(),
              c.yPix()));
    }
    return rows;
  }

  /** A component catalogue as a DataFrame ({@link #catalogueSchema()}). */
  public static Dataset<Row> catalogue(SparkSession spark, List<SourceComponent> comps) {
    return spark.createDataFrame(catalogueRows(comps), catalogueSchema());
  }

  /**
   * Sifted periodicity candidates of {@code pulsar search} ({@code PREFIX-candidates}), best first:
   * the columns of the CSV at full double precision; the three {@code fold_*} columns are null for
   * candidates that were not folded.
   */
  public static StructType candidatesSchema() {
    return new StructType()
        .add("rank", DataTypes.IntegerType, false)
        .add("period_s", DataTypes.DoubleType, false)
        .add("freq_hz", DataTypes.DoubleType, false)
        .add("dm", DataTypes.DoubleType, false)
        .add("sigma", DataTypes.DoubleType, false)
        .add("numharm", DataTypes.IntegerType, false)
        .add("power", DataTypes.DoubleType, false)
        .add("dm_hits", DataTypes.IntegerType, false)
        .add("fold_period_s", DataTypes.DoubleType, true)
        .add("fold_reduced_chi2", DataTypes.DoubleType, true)
        .add("fold_sigma", DataTypes.DoubleType, true);
  }

  /** The rows of {@link #candidatesSchema()}; rank is the 1-based list position. */
  public static List<Row> candidateRows(List<FoldedCandidate> cands) {
    List<Row> rows = new ArrayList<>(cands.size());
    int rank = 1;
    for (FoldedCandidate fc : cands) {
      Candidate c = fc.candidate();
      FoldedProfile f = fc.fold();
      rows.add(
          RowFactory.create(
              rank++,
              c.periodSec(),
              c.freqHz(),
              c.dm(),
              c.sigma(),
              c.numHarm(),
              c.power(),
              c.dmHits(),
              f == null ? null : f.periodSec(),
              f == null ? null : f.reducedChiSquare(),
              f == null ? null : f.sigma()));
    }
    return rows;
  }

  /** Periodicity candidates as a DataFrame ({@link #candidatesSchema()}). */
  public static Dataset<Row> candidates(SparkSession spark, List<FoldedCandidate> cands) {
    return spark.createDataFrame(candidateRows(cands), candidatesSchema());
  }

  /**
   * Single-pulse groups of {@code pulsar search --single-pulse} ({@code PREFIX-singlepulse}),
   * brightest first: DM (pc cm^-3), arrival time (s from the start, at the highest frequency),
   * boxcar width (s), S/N and the number of detections merged into the group.
   */
  public static StructType singlePulsesSchema() {
    return new StructType()
        .add("dm", DataTypes.DoubleType, false)
        .add("time_s", DataTypes.DoubleType, false)
        .add("width_s", DataTypes.DoubleType, false)
        .add("snr", DataTypes.DoubleType, false)
        .add("n_events", DataTypes.IntegerType, false);
  }

  /** The rows of {@link #singlePulsesSchema()}. */
  public static List<Row> singlePulseRows(List<SinglePulseEvent> events) {
    List<Row> rows = new ArrayList<>(events.size());
    for (SinglePulseEvent e : events) {
      rows.add(RowFactory.create(e.dm(), e.timeSec(), e.widthSec(), e.snr(), e.members()));
    }
    return rows;
  }

  /** Single-pulse groups as a DataFrame ({@link #singlePulsesSchema()}). */
  public static Dataset<Row> singlePulses(SparkSession spark, List<SinglePulseEvent> events) {
    return spark.createDataFrame(singlePulseRows(events), singlePulsesSchema());
  }

  /** Fields of a QA message that identify it; every other field is a metric. */
  private static final Set<String> QA_HEAD =
      Set.of("id", "run", "pipeline", "kind", "stage", "channel", "time");

  /**
   * QA messages in long form, one row per message and metric: the message's {@code id}, {@code
   * run}, {@code pipeline}, {@code kind} ("channel" or "stage"), {@code stage}, {@code channel}
   * (null for stage messages), {@code time} (ISO-8601 UTC text as published), the {@code metric}
   * name and its value: {@code value} for a number (null for a non-finite one, published as JSON
   * null), or {@code text} for a string or boolean. A message without metrics is one row with a
   * null metric. Long form keeps one schema for every pipeline's metrics: {@code SELECT stage,
   * metric, avg(value) ... GROUP BY stage, metric}.
   */
  public static StructType qaMessagesSchema() {
    return new StructType()
        .add("id", DataTypes.StringType, true)
        .add("run", DataTypes.StringType, true)
        .add("pipeline", DataTypes.StringType, true)
        .add("kind", DataTypes.StringType, true)
        .add("stage", DataTypes.StringType, true)
        .add("channel", DataTypes.IntegerType, true)
        .add("time", DataTypes.StringType, true)
        .add("metric", DataTypes.StringType, true)
        .add("value", DataTypes.DoubleType, true)
        .add("text", DataTypes.StringType, true);
  }

  /** The rows of {@link #qaMessagesSchema()}, messages in order, metrics in field order. */
  public static List<Row> qaMessageRows(List<JsonNode> messages) {
    List<Row> rows = new ArrayList<>();
    for (JsonNode m : messages) {
      JsonNode ch = m.get("channel");
      Integer channel = ch != null && ch.canConvertToInt() && ch.isNumber() ? ch.asInt() : null;
      Object[] head = {
        text(m, "id"),
        text(m, "run"),
        text(m, "pipeline"),
        text(m, "kind"),
        text(m, "stage"),
        channel,
        text(m, "time")
      };
      boolean any = false;
      for (Iterator<Map.Entry<String, JsonNode>> it = m.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        if (QA_HEAD.contains(f.getKey())) {
          continue;
        }
        any = true;
        JsonNode v = f.getValue();
        Double value = v.isNumber() ? v.asDouble() : null;
        String txt =
            v.isNumber() || v.isNull() ? null : v.isValueNode() ? v.asText() : v.toString();
        rows.add(qaRow(head, f.getKey(), value, txt));
      }
      if (!any) {
        rows.add(qaRow(head, null, null, null));
      }
    }
    return rows;
  }

  private static Row qaRow(Object[] head, String metric, Double value, String text) {
    Object[] r = new Object[head.length + 3];
    System.arraycopy(head, 0, r, 0, head.length);
    r[head.length] = metric;
    r[head.length + 1] = value;
    r[head.length + 2] = text;
    return RowFactory.create(r);
  }

  private static String text(JsonNode m, String field) {
    JsonNode v = m.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  /** QA messages as a DataFrame ({@link #qaMessagesSchema()}). */
  public static Dataset<Row> qaMessages(SparkSession spark, List<JsonNode> messages) {
    return spark.createDataFrame(qaMessageRows(messages), qaMessagesSchema());
  }
}
