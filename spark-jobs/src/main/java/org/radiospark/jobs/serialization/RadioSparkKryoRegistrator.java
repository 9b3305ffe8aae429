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
    kryo.register(org.radiospark.partitioners.VisKey[].class);
    kryo.register(GainTable[].class);

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
  }
}
