package org.radiospark.jobs.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.radiospark.kernels.io.AipsAntennaTable;
import org.radiospark.kernels.io.UvfitsData;
import org.radiospark.kernels.io.UvfitsPlan;
import org.radiospark.kernels.io.UvfitsReadOptions;
import org.radiospark.kernels.model.AntennaConfiguration;
import org.radiospark.kernels.model.InvalidInputException;
import org.radiospark.kernels.model.PhaseCentre;
import org.radiospark.kernels.model.Stokes;
import org.radiospark.kernels.model.VisibilityBlock;
import org.radiospark.partitioners.FrequencyPartitioner;
import scala.Tuple2;

/**
 * Visibilities as a Parquet table for Spark SQL ({@code radiospark import}), partitioned by
 * frequency block, and read back as the same {@link UvfitsData} ({@code ical} and {@code image}
 * accept the table's folder as input).
 *
 * <p>One row per visibility row and channel, columns (see {@link #schema()}): {@code row} (the
 * row's index in the source), {@code time_mjd_sec}, {@code integration_sec}, {@code antenna1},
 * {@code antenna2} (0-based), {@code u_m}, {@code v_m}, {@code w_m} (metres, J2000, the UVFITS sign
 * convention), {@code channel}, {@code freq_hz}, {@code vis_re}, {@code vis_im} (Jy), {@code
 * weight}, {@code flag}: arrays over the correlations in the order of the metadata's {@code pols};
 * partition column {@code freq_block} (contiguous channel blocks). The rest of what UVFITS carries
 * (channels, correlations, phase centre, antennas, names) is in {@code _radiospark.json} in the
 * same folder (Spark ignores files starting with {@code _}). The round trip is exact.
 */
public final class VisibilityTable {
  /** The metadata file in the table's folder. */
  public static final String META = "_radiospark.json";

  static final String FORMAT = "radiospark-visibilities/1";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private VisibilityTable() {}

  /** The table's schema. */
  public static StructType schema() {
    return new StructType()
        .add("row", DataTypes.IntegerType, false)
        .add("time_mjd_sec", DataTypes.DoubleType, false)
        .add("integration_sec", DataTypes.DoubleType, false)
        .add("antenna1", DataTypes.IntegerType, false)
        .add("antenna2", DataTypes.IntegerType, false)
        .add("u_m", DataTypes.DoubleType, false)
        .add("v_m", DataTypes.DoubleType, false)
        .add("w_m", DataTypes.DoubleType, false)
        .add("channel", DataTypes.IntegerType, false)
        .add("freq_hz", DataTypes.DoubleType, false)
        .add("vis_re", DataTypes.createArrayType(DataTypes.FloatType, false), false)
        .add("vis_im", DataTypes.createArrayType(DataTypes.FloatType, false), false)
        .add("weight", DataTypes.createArrayType(DataTypes.FloatType, false), false)
        .add("flag", DataTypes.createArrayType(DataTypes.BooleanType, false), false)
        .add("freq_block", DataTypes.IntegerType, false);
  }

  /** True when {@code p} is a folder written by {@link #write}. */
  public static boolean isTable(Path p) {
    return Files.isDirectory(p) && Files.isRegularFile(p.resolve(META));
  }

  /**
   * Writes {@code data} to the folder {@code dir} (replaced if it exists), one Spark task per
   * frequency block.
   */
  public static void write(SparkSession spark, UvfitsData data, Path dir, int freqBlocks)
      throws IOException {
    VisibilityBlock all = data.block();
    int blocks = Math.max(1, Math.min(freqBlocks, all.nChan()));
    List<Tuple2<Integer, VisibilityBlock>> parts = new ArrayList<>();
    for (int b = 0; b < blocks; b++) {
      int c0 = FrequencyPartitioner.firstChannel(b, all.nChan(), blocks);
      int c1 = FrequencyPartitioner.firstChannel(b + 1, all.nChan(), blocks);
      parts.add(new Tuple2<>(c0, all.selectChannels(c0, c1)));
    }
    List<Integer> firstChannels = parts.stream().map(Tuple2::_1).toList();
    JavaRDD<Row> rows =
        JavaSparkContext.fromSparkContext(spark.sparkContext())
            .parallelize(parts, blocks)
            .flatMap(t -> rows(t._2(), t._1(), firstChannels.indexOf(t._1())));
    spark
        .createDataFrame(rows, schema())
        .write()
        .mode(SaveMode.Overwrite)
        .partitionBy("freq_block")
        .parquet(dir.toString());
    JSON.writeValue(dir.resolve(META).toFile(), metadata(data));
  }

  private static Iterator<Row> rows(VisibilityBlock b, int firstChannel, int block) {
    int nPol = b.nPol();
    return new Iterator<>() {
      private int r;
      private int c;

      @Override
      public boolean hasNext() {
        return r < b.nRows();
      }

      @Override
      public Row next() {
        float[] re = new float[nPol];
        float[] im = new float[nPol];
        float[] wt = new float[nPol];
        boolean[] fl = new boolean[nPol];
        for (int p = 0; p < nPol; p++) {
          int i = b.index(r, c, p);
          re[p] = b.vis()[2 * i];
          im[p] = b.vis()[2 * i + 1];
          wt[p] = b.weight()[i];
          fl[p] = b.flag()[i];
        }
        Row row =
            RowFactory.create(
                r,
                b.timeMjdSec()[r],
                b.integrationSec()[r],
                b.antenna1()[r],
                b.antenna2()[r],
                b.uMetres()[r],
                b.vMetres()[r],
                b.wMetres()[r],
                firstChannel + c,
                b.freqHz()[c],
                re,
                im,
                wt,
                fl,
                block);
        if (++c == b.nChan()) {
          c = 0;
          r++;
        }
        return row;
      }
    };
  }

  private static ObjectNode metadata(UvfitsData data) {
    VisibilityBlock b = data.block();
    ObjectNode m = JSON.createObjectNode();
    m.put("format", FORMAT);
    m.put("rows", b.nRows());
    ArrayNode f = m.putArray("freqHz");
    ArrayNode w = m.putArray("chanWidthHz");
    for (int c = 0; c < b.nChan(); c++) {
      f.add(b.freqHz()[c]);
      w.add(b.chanWidthHz()[c]);
    }
    ArrayNode pols = m.putArray("pols");
    for (Stokes s : b.pols()) {
      pols.add(s.name());
    }
    m.put("phaseCentreRaRad", b.phaseCentre().raRad());
    m.put("phaseCentreDecRad", b.phaseCentre().decRad());
    m.put("object", data.object());
    m.put("instrument", data.instrument());
    m.put("dateObs", data.dateObs());
    AntennaConfiguration a = data.antennas();
    ObjectNode ants = m.putObject("antennas");
    ants.put("telescope", a.telescope());
    ants.set("names", JSON.valueToTree(a.names()));
    ants.set("xMetres", JSON.valueToTree(a.xMetres()));
    ants.set("yMetres", JSON.valueToTree(a.yMetres()));
    ants.set("zMetres", JSON.valueToTree(a.zMetres()));
    ants.set("diameterMetres", JSON.valueToTree(a.diameterMetres()));
    ants.set("flagged", JSON.valueToTree(a.flagged()));
    return m;
  }

  /**
   * What a job needs of a table before it distributes the channels ({@link VisibilitySource}): the
   * metadata file and, from Spark's scan of channel 0 only, each row's time and integration time
   * (collected: 16 bytes per row). No visibility reaches the driver.
   *
   * @throws InvalidInputException when the metadata is missing or the rows do not match it
   */
  public static UvfitsPlan plan(SparkSession spark, Path dir, boolean ignoreFlags)
      throws IOException {
    Meta meta = Meta.read(dir);
    JsonNode m = meta.json();
    int nRows = meta.nRows();
    double[] freq = meta.freqHz();
    double[] width = meta.chanWidthHz();
    Stokes[] pols = meta.pols();
    double[] t = new double[nRows];
    double[] dt = new double[nRows];
    List<Row> times =
        spark
            .read()
            .parquet(dir.toString())
            .where("channel = 0")
            .select("row", "time_mjd_sec", "integration_sec")
            .collectAsList();
    if (times.size() != nRows) {
      throw new InvalidInputException(
          dir.toString(), "rows", times.size() + " rows of channel 0, expected " + nRows);
    }
    for (Row row : times) {
      int r = row.getInt(0);
      if (r < 0 || r >= nRows) {
        throw new InvalidInputException(dir.toString(), "row", r + " outside 0.." + (nRows - 1));
      }
      t[r] = row.getDouble(1);
      dt[r] = row.getDouble(2);
    }
    AntennaConfiguration ants = antennas(m.path("antennas"));
    return new UvfitsPlan(
        dir.toString(),
        UvfitsReadOptions.defaults().withIgnoreFlags(ignoreFlags),
        t,
        dt,
        freq,
        width,
        pols,
        new PhaseCentre(
            m.path("phaseCentreRaRad").asDouble(), m.path("phaseCentreDecRad").asDouble()),
        ants,
        AipsAntennaTable.fromConfiguration(ants),
        m.path("object").asText(),
        ants.telescope(),
        m.path("instrument").asText(),
        2000.0,
        m.path("dateObs").asText(),
        0);
  }

  /** The table's metadata file ({@value #META}), checked, with the axes every reader needs. */
  private record Meta(
      JsonNode json, int nRows, double[] freqHz, double[] chanWidthHz, Stokes[] pols) {
    static Meta read(Path dir) throws IOException {
      Path metaFile = dir.resolve(META);
      if (!Files.isRegularFile(metaFile)) {
        throw new InvalidInputException(dir.toString(), META, "missing: not a RadioSpark table");
      }
      JsonNode m = JSON.readTree(metaFile.toFile());
      if (!FORMAT.equals(m.path("format").asText())) {
        throw new InvalidInputException(metaFile.toString(), "format", "expected " + FORMAT);
      }
      String[] polNames = JSON.treeToValue(m.path("pols"), String[].class);
      Stokes[] pols = new Stokes[polNames.length];
      for (int p = 0; p < pols.length; p++) {
        pols[p] = Stokes.valueOf(polNames[p]);
      }
      return new Meta(
          m,
          m.path("rows").asInt(),
          JSON.treeToValue(m.path("freqHz"), double[].class),
          JSON.treeToValue(m.path("chanWidthHz"), double[].class),
          pols);
    }
  }

  private static AntennaConfiguration antennas(JsonNode an) throws IOException {
    return new AntennaConfiguration(
        an.path("telescope").asText(),
        JSON.treeToValue(an.path("names"), String[].class),
        JSON.treeToValue(an.path("xMetres"), double[].class),
        JSON.treeToValue(an.path("yMetres"), double[].class),
        JSON.treeToValue(an.path("zMetres"), double[].class),
        JSON.treeToValue(an.path("diameterMetres"), double[].class),
        JSON.treeToValue(an.path("flagged"), boolean[].class));
  }

  /**
   * Reads a table written by {@link #write} back into one block (on the driver).
   *
   * @throws InvalidInputException when the metadata is missing or does not match the rows
   */
  public static UvfitsData read(SparkSession spark, Path dir) throws IOException {
    Meta meta = Meta.read(dir);
    JsonNode m = meta.json();
    int nRows = meta.nRows();
    double[] freq = meta.freqHz();
    double[] width = meta.chanWidthHz();
    Stokes[] pols = meta.pols();
    int nChan = freq.length;
    int nPol = pols.length;
    double[] u = new double[nRows];
    double[] v = new double[nRows];
    double[] w = new double[nRows];
    int[] a1 = new int[nRows];
    int[] a2 = new int[nRows];
    double[] t = new double[nRows];
    double[] dt = new double[nRows];
    float[] vis = new float[2 * nRows * nChan * nPol];
    float[] wt = new float[nRows * nChan * nPol];
    boolean[] fl = new boolean[nRows * nChan * nPol];
    long seen = 0;
    Iterator<Row> it =
        spark
            .read()
            .parquet(dir.toString())
            .select(
                "row",
                "time_mjd_sec",
                "integration_sec",
                "antenna1",
                "antenna2",
                "u_m",
                "v_m",
                "w_m",
                "channel",
                "vis_re",
                "vis_im",
                "weight",
                "flag")
            .toLocalIterator();
    while (it.hasNext()) {
      Row row = it.next();
      int r = row.getInt(0);
      int c = row.getInt(8);
      if (r < 0 || r >= nRows || c < 0 || c >= nChan) {
        throw new InvalidInputException(
            dir.toString(), "row/channel", r + "/" + c + " outside " + nRows + " x " + nChan);
      }
      t[r] = row.getDouble(1);
      dt[r] = row.getDouble(2);
      a1[r] = row.getInt(3);
      a2[r] = row.getInt(4);
      u[r] = row.getDouble(5);
      v[r] = row.getDouble(6);
      w[r] = row.getDouble(7);
      List<Float> re = row.getList(9);
      List<Float> im = row.getList(10);
      List<Float> ws = row.getList(11);
      List<Boolean> fs = row.getList(12);
      for (int p = 0; p < nPol; p++) {
        int i = (r * nChan + c) * nPol + p;
        vis[2 * i] = re.get(p);
        vis[2 * i + 1] = im.get(p);
        wt[i] = ws.get(p);
        fl[i] = fs.get(p);
      }
      seen++;
    }
    if (seen != (long) nRows * nChan) {
      throw new InvalidInputException(
          dir.toString(), "rows", seen + " rows, expected " + nRows + " x " + nChan);
    }
    VisibilityBlock block =
        new VisibilityBlock(
            u,
            v,
            w,
            a1,
            a2,
            t,
            dt,
            freq,
            width,
            pols,
            vis,
            wt,
            fl,
            new PhaseCentre(
                m.path("phaseCentreRaRad").asDouble(), m.path("phaseCentreDecRad").asDouble()));
    JsonNode an = m.path("antennas");
    AntennaConfiguration ants =
        new AntennaConfiguration(
            an.path("telescope").asText(),
            JSON.treeToValue(an.path("names"), String[].class),
            JSON.treeToValue(an.path("xMetres"), double[].class),
            JSON.treeToValue(an.path("yMetres"), double[].class),
            JSON.treeToValue(an.path("zMetres"), double[].class),
            JSON.treeToValue(an.path("diameterMetres"), double[].class),
            JSON.treeToValue(an.path("flagged"), boolean[].class));
    UvfitsData d =
        UvfitsData.of(block, ants, m.path("object").asText(), m.path("instrument").asText());
    return new UvfitsData(
        d.block(),
        d.antennas(),
        d.antennaTable(),
        d.object(),
        d.telescope(),
        d.instrument(),
        d.equinox(),
        m.path("dateObs").asText());
  }
}
