package org.radiospark.jobs.serialization;

import com.esotericsoftware.kryo.Kryo;
import org.apache.spark.serializer.KryoRegistrator;
import org.radiospark.kernels.model.Beam;
import org.radiospark.kernels.model.GainTable;
import org.radiospark.kernels.model.Image;
import org.radiospark.kernels.model.ImageGeometry;
import org.radiospark.kernels.model.PhaseCentre;
import org.radiospark.kernels.model.SkyComponent;
import org.radiospark.kernels.model.VisibilityBlock;

/**
 * Registers every class that travels in RadioSpark's RDDs, shuffles and broadcasts, so the jobs run
 * with {@code spark.kryo.registrationRequired=true}. Grouped by package, sorted within a group.
 */
public final class RadioSparkKryoRegistrator implements KryoRegistrator {
  @Override
  public void registerClasses(Kryo kryo) {
    // org.radiospark.kernels.model
    kryo.register(Beam.class, new ModelSerializers.BeamSerializer());
    kryo.register(GainTable.class, new ModelSerializers.GainTableSerializer());
    kryo.register(Image.class, new ModelSerializers.ImageSerializer());
    kryo.register(ImageGeometry.class, new ModelSerializers.ImageGeometrySerializer());
    kryo.register(PhaseCentre.class, new ModelSerializers.PhaseCentreSerializer());
    kryo.register(SkyComponent.class, new ModelSerializers.SkyComponentSerializer());
    kryo.register(VisibilityBlock.class, new ModelSerializers.VisibilityBlockSerializer());

    // org.radiospark.partitioners
    kryo.register(
        org.radiospark.partitioners.VisKey.class,
        new org.radiospark.partitioners.VisKeySerializer());

    // org.radiospark.jobs
    kryo.register(org.radiospark.jobs.imaging.ImageGroupResult.class);
    kryo.register(org.radiospark.jobs.ical.GridProducts.class);
    kryo.register(org.radiospark.jobs.ical.FacetPartial.class);
    kryo.register(org.radiospark.jobs.ical.FacetResult.class);
    kryo.register(org.radiospark.jobs.ical.LoopModel.class);
    kryo.register(org.radiospark.jobs.ical.IcalCheckpoint.State.class);
    kryo.register(org.radiospark.jobs.gleamx.SnapshotRow.class);
    kryo.register(org.radiospark.jobs.gleamx.SnapshotResult.class);
    kryo.register(org.radiospark.partitioners.VisKey[].class);
    kryo.register(GainTable[].class);
    kryo.register(org.radiospark.jobs.spectral.ChannelImages.class);
    kryo.register(org.radiospark.jobs.spectral.ChannelImages[].class);
    kryo.register(org.radiospark.jobs.spectral.TileResult.class);
    kryo.register(org.radiospark.jobs.spectral.TileResult[].class);
    kryo.register(org.radiospark.jobs.spectral.TileSlice.class);

    // arrays and boxes that appear in collected results and tuples
    kryo.register(Image[].class);
    kryo.register(SkyComponent[].class);
    kryo.register(double[].class);
    kryo.register(float[].class);
    kryo.register(float[][].class);
    kryo.register(int[].class);
    kryo.register(boolean[].class);
    kryo.register(Object[].class);
    kryo.register(String[].class);
    kryo.register(scala.Tuple2.class);
    kryo.register(scala.Tuple2[].class);
    kryo.register(byte[].class);
    kryo.register(byte[][].class);

    // Spark SQL: what DataFrame writes (Parquet tables and outputs) ship between driver and tasks
    for (String name : SPARK_SQL) {
      try {
        kryo.register(Class.forName(name, false, getClass().getClassLoader()));
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException("Spark SQL class missing from the classpath: " + name, e);
      }
    }
  }

  /** Spark SQL classes by name (several are Scala objects or internal). */
  private static final String[] SPARK_SQL = {
    "org.apache.spark.sql.types.ArrayType",
    "[Lorg.apache.spark.sql.types.DataType;", // CSV schema inference
    "org.apache.spark.sql.types.NullType$",
    "org.apache.spark.sql.types.TimestampType$",
    "org.apache.spark.sql.types.TimestampNTZType$",
    "org.apache.spark.sql.types.DateType$",
    "org.apache.spark.sql.types.DecimalType",
    "org.apache.spark.sql.catalyst.util.QuantileSummaries", // stat.approxQuantile
    "[Lorg.apache.spark.sql.catalyst.util.QuantileSummaries;",
    "org.apache.spark.sql.catalyst.util.QuantileSummaries$Stats",
    "[Lorg.apache.spark.sql.catalyst.util.QuantileSummaries$Stats;",
    "org.apache.spark.sql.types.BooleanType$",
    "org.apache.spark.sql.types.DoubleType$",
    "org.apache.spark.sql.types.FloatType$",
    "org.apache.spark.sql.types.IntegerType$",
    "org.apache.spark.sql.types.LongType$",
    "org.apache.spark.sql.types.Metadata",
    "org.apache.spark.sql.types.StringType$",
    "org.apache.spark.sql.types.StructField",
    "[Lorg.apache.spark.sql.types.StructField;",
    "org.apache.spark.sql.types.StructType",
    "org.apache.spark.sql.catalyst.InternalRow",
    "[Lorg.apache.spark.sql.catalyst.InternalRow;",
    "org.apache.spark.sql.catalyst.expressions.GenericInternalRow",
    "org.apache.spark.sql.catalyst.expressions.GenericRow",
    "org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema",
    "org.apache.spark.sql.catalyst.expressions.UnsafeRow",
    "org.apache.spark.sql.execution.datasources.BasicWriteTaskStats",
    "org.apache.spark.sql.execution.datasources.ExecutedWriteSummary",
    "org.apache.spark.sql.execution.datasources.WriteTaskResult",
    "org.apache.spark.internal.io.FileCommitProtocol$TaskCommitMessage",
    "org.apache.spark.unsafe.types.UTF8String",
    "org.apache.spark.util.io.ChunkedByteBuffer",
    "[Lorg.apache.spark.util.io.ChunkedByteBuffer;",
    "scala.collection.immutable.Map$EmptyMap$",
    "scala.collection.immutable.Set$EmptySet$",
    "scala.collection.immutable.ArraySeq$ofRef",
    "scala.collection.mutable.ArraySeq$ofRef",
    "scala.collection.immutable.Nil$",
    "scala.collection.immutable.$colon$colon",
  };
}
