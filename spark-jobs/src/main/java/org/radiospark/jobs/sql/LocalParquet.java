package org.radiospark.jobs.sql;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Writes a small table of Spark {@link Row}s as a Parquet table folder without a Spark session: on
 * the driver of a command that has none ({@code postimage}, {@code qa-aggregate}), inside an
 * executor task (a GLEAM-X snapshot runs {@code postimage} there, where no session may be used), or
 * beside driver-written CSV/FITS outputs that must land on the same file system.
 *
 * <p>The folder holds one file {@code part-00000.snappy.parquet} and an empty {@code _SUCCESS}, the
 * layout of {@code df.coalesce(1).write().parquet(dir)}; {@code spark.read().parquet(dir)} reads it
 * with the given schema (stored in the footer under Spark's own key, so types and column order come
 * back exactly). Supported column types: int, long, double, boolean and string; a nullable column
 * is an OPTIONAL Parquet field and a null value is simply absent. All rows are written in one row
 * group: O(rows x columns) time, memory bounded by the Parquet page buffers.
 */
public final class LocalParquet {
  /** Footer key under which Spark stores (and looks for) the Catalyst schema as JSON. */
  static final String SPARK_SCHEMA_KEY = "org.apache.spark.sql.parquet.row.metadata";

  /** Name of the data file inside the table folder. */
  public static final String PART_FILE = "part-00000.snappy.parquet";

  private LocalParquet() {}

  /**
   * Writes {@code rows} (each matching {@code schema}) to the new folder {@code dir}.
   *
   * @throws IllegalArgumentException for a column type other than int, long, double, boolean and
   *     string, or a null in a non-nullable column
   */
  public static void write(Path dir, StructType schema, List<Row> rows) throws IOException {
    MessageType message = messageType(schema);
    Files.createDirectories(dir);
    Path part = dir.resolve(PART_FILE);
    try (ParquetWriter<Row> w =
        new Builder(new NioOutputFile(part), schema, message)
            .withCompressionCodec(CompressionCodecName.SNAPPY)
            .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
            .withConf(new Configuration(false))
            .build()) {
      for (Row r : rows) {
        w.write(r);
      }
    }
    Files.write(dir.resolve("_SUCCESS"), new byte[0]);
  }

  /** The Parquet schema of a Spark schema (the types listed in the class comment). */
  static MessageType messageType(StructType schema) {
    Types.MessageTypeBuilder b = Types.buildMessage();
    for (StructField f : schema.fields()) {
      Repetition rep = f.nullable() ? Repetition.OPTIONAL : Repetition.REQUIRED;
      DataType t = f.dataType();
      if (t.equals(DataTypes.IntegerType)) {
        b.primitive(PrimitiveTypeName.INT32, rep).named(f.name());
      } else if (t.equals(DataTypes.LongType)) {
        b.primitive(PrimitiveTypeName.INT64, rep).named(f.name());
      } else if (t.equals(DataTypes.DoubleType)) {
        b.primitive(PrimitiveTypeName.DOUBLE, rep).named(f.name());
      } else if (t.equals(DataTypes.BooleanType)) {
        b.primitive(PrimitiveTypeName.BOOLEAN, rep).named(f.name());
      } else if (t.equals(DataTypes.StringType)) {
        b.primitive(PrimitiveTypeName.BINARY, rep)
            .as(LogicalTypeAnnotation.stringType())
            .named(f.name());
      } else {
        throw new IllegalArgumentException(
            "column " + f.name() + ": type " + t.simpleString() + " is not supported");
      }
    }
    return b.named("spark_schema");
  }

  private static final class Builder extends ParquetWriter.Builder<Row, Builder> {
    private final StructType schema;
    private final MessageType message;

    Builder(OutputFile file, StructType schema, MessageType message) {
      super(file);
      this.schema = schema;
      this.message = message;
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected WriteSupport<Row> getWriteSupport(Configuration conf) {
      return new RowWriteSupport(schema, message);
    }
  }

  /** Hands each {@link Row}'s fields to Parquet's record consumer, by column index. */
  private static final class RowWriteSupport extends WriteSupport<Row> {
    private final StructType schema;
    private final MessageType message;
    private RecordConsumer consumer;

    RowWriteSupport(StructType schema, MessageType message) {
      this.schema = schema;
      this.message = message;
    }

    @Override
    public WriteContext init(Configuration configuration) {
      return new WriteContext(message, Map.of(SPARK_SCHEMA_KEY, schema.json()));
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
      this.consumer = recordConsumer;
    }

    @Override
    public void write(Row row) {
      StructField[] fields = schema.fields();
      if (row.length() != fields.length) {
        throw new IllegalArgumentException(
            "row has " + row.length() + " values for " + fields.length + " columns");
      }
      consumer.startMessage();
      for (int i = 0; i < fields.length; i++) {
        if (row.isNullAt(i)) {
          if (!fields[i].nullable()) {
            throw new IllegalArgumentException("null in non-nullable column " + fields[i].name());
          }
          continue;
        }
        consumer.startField(fields[i].name(), i);
        DataType t = fields[i].dataType();
        if (t.equals(DataTypes.IntegerType)) {
          consumer.addInteger(row.getInt(i));
        } else if (t.equals(DataTypes.LongType)) {
          consumer.addLong(row.getLong(i));
        } else if (t.equals(DataTypes.DoubleType)) {
          consumer.addDouble(row.getDouble(i));
        } else if (t.equals(DataTypes.BooleanType)) {
          consumer.addBoolean(row.getBoolean(i));
        } else {
          consumer.addBinary(Binary.fromString(row.getString(i)));
        }
        consumer.endField(fields[i].name(), i);
      }
      consumer.endMessage();
    }
  }

  /** A local file through java.nio: no Hadoop file system, so no {@code .crc} side files. */
  private static final class NioOutputFile implements OutputFile {
    private final Path path;

    NioOutputFile(Path path) {
      this.path = path;
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) throws IOException {
      return open(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
      return open(
          StandardOpenOption.CREATE,
          StandardOpenOption.TRUNCATE_EXISTING,
          StandardOpenOption.WRITE);
    }

    private PositionOutputStream open(StandardOpenOption... how) throws IOException {
      OutputStream os = new BufferedOutputStream(Files.newOutputStream(path, how));
      return new PositionOutputStream() {
        private long pos;

        @Override
        public long getPos() {
          return pos;
        }

        @Override
        public void write(int b) throws IOException {
          os.write(b);
          pos++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          os.write(b, off, len);
          pos += len;
        }

        @Override
        public void flush() throws IOException {
          os.flush();
        }

        @Override
        public void close() throws IOException {
          os.close();
        }
      };
    }

    @Override
    public boolean supportsBlockSize() {
      return false;
    }

    @Override
    public long defaultBlockSize() {
      return 0;
    }
  }
}
