package org.radiospark.jobs.serialization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import org.radiospark.jobs.config.SparkSessions;
import org.radiospark.kernels.model.Beam;
import org.radiospark.kernels.model.GainTable;
import org.radiospark.kernels.model.Image;
import org.radiospark.kernels.model.ImageGeometry;
import org.radiospark.kernels.model.PhaseCentre;
import org.radiospark.kernels.model.SkyComponent;
import org.radiospark.kernels.model.Stokes;
import org.radiospark.kernels.model.VisibilityBlock;
import scala.reflect.ClassTag$;

/** Every model class survives Spark's Kryo with registration required, bit for bit. */
class RadioSparkKryoRegistratorTest {
  private final SerializerInstance kryo =
      new KryoSerializer(SparkSessions.conf("kryo-test", "local[1]")).newInstance();

  @SuppressWarnings("unchecked")
  private <T> T roundTrip(T value) {
    ByteBuffer bytes = kryo.serialize(value, ClassTag$.MODULE$.apply(Object.class));
    return (T) kryo.deserialize(bytes, ClassTag$.MODULE$.apply(Object.class));
  }

  @Test
  void registrationIsRequired() {
    SparkConf conf = SparkSessions.conf("kryo-test", "local[1]");
    assertEquals("true", conf.get("spark.kryo.registrationRequired"));
    assertEquals(RadioSparkKryoRegistrator.class.getName(), conf.get("spark.kryo.registrator"));
  }

  @Test
  void visibilityBlockRoundTrip() {
    int rows = 7;
    VisibilityBlock b =
        VisibilityBlock.zeros(
            new double[] {1, 2, 3, 4, 5, 6, 7},
            new double[] {-1, -2, -3, -4, -5, -6, -7},
            new double[] {0.5, 0, 0, 0, 0, 0, 0.25},
            new int[] {0, 0, 1, 1, 2, 2, 3},
            new int[] {1, 2, 2, 3, 3, 4, 4},
            new double[] {5e9, 5e9, 5e9, 5e9, 5e9, 5e9, 5.1e9},
            new double[] {8, 8, 8, 8, 8, 8, 8},
            new double[] {1.4e9, 1.5e9},
            new double[] {1e6, 2e6},
            new Stokes[] {Stokes.XX, Stokes.YY, Stokes.XY, Stokes.YX},
            PhaseCentre.ofDegrees(201.365, -43.019));
    for (int i = 0; i < b.weight().length; i++) {
      b.vis()[2 * i] = i * 0.5f;
      b.vis()[2 * i + 1] = -i;
      b.weight()[i] = 1 + i % 5;
      b.flag()[i] = i % 7 == 3;
    }
    VisibilityBlock c = roundTrip(b);
    assertEquals(rows, c.nRows());
    assertArrayEquals(b.uMetres(), c.uMetres());
    assertArrayEquals(b.vMetres(), c.vMetres());
    assertArrayEquals(b.wMetres(), c.wMetres());
    assertArrayEquals(b.antenna1(), c.antenna1());
    assertArrayEquals(b.antenna2(), c.antenna2());
    assertArrayEquals(b.timeMjdSec(), c.timeMjdSec());
    assertArrayEquals(b.integrationSec(), c.integrationSec());
    assertArrayEquals(b.freqHz(), c.freqHz());
    assertArrayEquals(b.chanWidthHz(), c.chanWidthHz());
    assertArrayEquals(b.pols(), c.pols());
    assertArrayEquals(b.vis(), c.vis());
    assertArrayEquals(b.weight(), c.weight());
    assertArrayEquals(b.flag(), c.flag());
    assertEquals(b.phaseCentre(), c.phaseCentre());
  }

  @Test
  void imageAndBeamRoundTrip() {
    ImageGeometry g =
        new ImageGeometry(4, 2, 1e-5, PhaseCentre.ofDegrees(10, -20), 1.4e9, 1e6, Stokes.I);
    Image im =
        new Image(
            g, new double[] {1, 2, 3, 4, 5, 6, 7, Double.NaN}, new Beam(1e-4, 5e-5, 0.3), "X");
    Image back = roundTrip(im);
    assertEquals(g, back.geometry());
    assertArrayEquals(im.pixels(), back.pixels());
    assertEquals(im.beam(), back.beam());
    assertEquals("X", back.unit());
    assertNull(roundTrip(Image.zeros(g)).beam());
  }

  @Test
  void skyComponentAndGainTableRoundTrip() {
    SkyComponent c =
        new SkyComponent(1, -0.5, new double[] {1, 0.1, 0.2, 0.01}, 1e8, -0.7, 1e-4, 5e-5, 0.4);
    SkyComponent d = roundTrip(c);
    assertEquals(c.raRad(), d.raRad());
    assertArrayEquals(c.fluxJy(), d.fluxJy());
    assertEquals(c.paRad(), d.paRad());

    GainTable t =
        GainTable.identity(
            GainTable.JonesType.FULL,
            3,
            new double[] {0, 10},
            new double[] {10, 20},
            new double[] {1e8},
            1);
    t.jones()[3] = 0.25;
    t.flagged()[4] = true;
    GainTable u = roundTrip(t);
    assertEquals(t.type(), u.type());
    assertEquals(t.refAnt(), u.refAnt());
    assertArrayEquals(t.jones(), u.jones());
    assertArrayEquals(t.flagged(), u.flagged());
    assertArrayEquals(t.slotEndMjdSec(), u.slotEndMjdSec());
  }
}
