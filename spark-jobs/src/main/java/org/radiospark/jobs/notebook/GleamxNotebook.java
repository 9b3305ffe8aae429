package org.radiospark.jobs.notebook;

import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.FitsException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.radiospark.kernels.model.InvalidInputException;
import org.radiospark.kernels.model.SkyComponent;
import org.radiospark.kernels.simulation.TruthFile;

/**
 * GLEAM-X in a notebook: a reference catalogue from a sample's planted sky, and a FITS binary table
 * (such as {@code postimage}'s {@code -comp.fits}, Aegean's columns) as a DataFrame.
 */
public final class GleamxNotebook {
  private GleamxNotebook() {}

  /**
   * Writes the planted sky of a {@code simulate} truth file as a reference catalogue for {@code
   * postimage} and {@code rescale} ({@code ra_deg,dec_deg,flux_jy}, Stokes I at {@code freqHz}).
   *
   * @return {@code csv}
   */
  public static Path referenceCatalogue(Path truthJson, double freqHz, Path csv)
      throws IOException {
    StringBuilder b = new StringBuilder("ra_deg,dec_deg,flux_jy\n");
    for (SkyComponent c : TruthFile.read(truthJson).components()) {
      b.append(
          String.format(
              Locale.ROOT,
              "%.10f,%.10f,%.8g%n",
              Math.toDegrees(c.raRad()),
              Math.toDegrees(c.decRad()),
              c.fluxAt(0, freqHz)));
    }
    Files.createDirectories(csv.toAbsolutePath().getParent());
    Files.writeString(csv, b, StandardCharsets.UTF_8);
    return csv;
  }

  /**
   * The first binary table of a FITS file as a DataFrame: one row per table row, one column per
   * scalar column ({@code TTYPE} names; integer, floating-point, logical and string columns; vector
   * columns are left out). Read on the driver: for catalogues, not for large tables.
   *
   * @throws InvalidInputException if the file holds no binary table
   */
  public static Dataset<Row> fitsTable(SparkSession spark, Path file) throws IOException {
    try (Fits fits = new Fits(file.toFile())) {
      BinaryTableHDU table = null;
      for (BasicHDU<?> h : fits.read()) {
        if (h instanceof BinaryTableHDU b) {
          table = b;
          break;
        }
      }
      if (table == null) {
        throw new InvalidInputException(file.toString(), "XTENSION", "a BINTABLE extension");
      }
      int nRows = table.getNRows();
      StructType schema = new StructType();
      List<Object> columns = new ArrayList<>();
      for (int k = 0; k < table.getNCols(); k++) {
        Object col = table.getColumn(k);
        DataType type = scalarType(col, nRows);
        if (type != null) {
          schema = schema.add(table.getColumnName(k).strip(), type, true);
          columns.add(col);
        }
      }
      List<Row> rows = new ArrayList<>(nRows);
      for (int r = 0; r < nRows; r++) {
        Object[] values = new Object[columns.size()];
        for (int k = 0; k < values.length; k++) {
          Object v = Array.get(columns.get(k), r);
          values[k] = v instanceof String s ? s.strip() : v;
        }
        rows.add(RowFactory.create(values));
      }
      return spark.createDataFrame(rows, schema);
    } catch (FitsException e) {
      throw new InvalidInputException(file.toString(), "BINTABLE", e.getMessage());
    }
  }

  /** Spark type of a column array with one scalar per row, or null for other layouts. */
  private static DataType scalarType(Object col, int nRows) {
    if (col == null || !col.getClass().isArray() || Array.getLength(col) != nRows) {
      return null;
    }
    Class<?> c = col.getClass().getComponentType();
    if (c == double.class) {
      return DataTypes.DoubleType;
    } else if (c == float.class) {
      return DataTypes.FloatType;
    } else if (c == int.class) {
      return DataTypes.IntegerType;
    } else if (c == long.class) {
      return DataTypes.LongType;
    } else if (c == short.class) {
      return DataTypes.ShortType;
    } else if (c == byte.class) {
      return DataTypes.ByteType;
    } else if (c == boolean.class) {
      return DataTypes.BooleanType;
    } else if (c == String.class) {
      return DataTypes.StringType;
    }
    return null;
  }
}
