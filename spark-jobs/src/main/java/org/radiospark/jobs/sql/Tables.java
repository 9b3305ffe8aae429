package org.radiospark.jobs.sql;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.radiospark.kernels.model.GainTable;
import org.radiospark.kernels.model.SkyComponent;

/**
 * Pipeline products as Spark SQL DataFrames, written as Parquet beside their FITS/CSV forms. The
 * schemas are part of the interface (README, "Spark SQL").
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
}
