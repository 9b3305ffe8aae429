package org.radiospark.jobs.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import org.radiospark.kernels.model.Beam;
import org.radiospark.kernels.model.GainTable;
import org.radiospark.kernels.model.Image;
import org.radiospark.kernels.model.ImageGeometry;
import org.radiospark.kernels.model.PhaseCentre;
import org.radiospark.kernels.model.SkyComponent;
import org.radiospark.kernels.model.Stokes;
import org.radiospark.kernels.model.VisibilityBlock;

/**
 * Kryo serializers for the kernel data model. Spark's bundled Kryo 4 cannot construct records or
 * classes without a no-argument constructor safely, so each value that travels in an RDD, a shuffle
 * or a broadcast has an explicit serializer that writes its primitive arrays in bulk.
 */
final class ModelSerializers {
  private ModelSerializers() {}

  static void writeDoubles(Output out, double[] a) {
    out.writeInt(a.length, true);
    out.writeDoubles(a);
  }

  static double[] readDoubles(Input in) {
    int n = in.readInt(true);
    return in.readDoubles(n);
  }

  static void writeFloats(Output out, float[] a) {
    out.writeInt(a.length, true);
    out.writeFloats(a);
  }

  static float[] readFloats(Input in) {
    int n = in.readInt(true);
    return in.readFloats(n);
  }

  static void writeInts(Output out, int[] a) {
    out.writeInt(a.length, true);
    out.writeInts(a, true);
  }

  static int[] readInts(Input in) {
    int n = in.readInt(true);
    return in.readInts(n, true);
  }

  static void writeBooleans(Output out, boolean[] a) {
    out.writeInt(a.length, true);
    // Pack eight flags per byte: flags are most of a block's bytes after the samples.
    byte[] packed = new byte[(a.length + 7) / 8];
    for (int i = 0; i < a.length; i++) {
      if (a[i]) {
        packed[i >>> 3] |= (byte) (1 << (i & 7));
      }
    }
    out.writeBytes(packed);
  }

  static boolean[] readBooleans(Input in) {
    int n = in.readInt(true);
    byte[] packed = in.readBytes((n + 7) / 8);
    boolean[] a = new boolean[n];
    for (int i = 0; i < n; i++) {
      a[i] = (packed[i >>> 3] & (1 << (i & 7))) != 0;
    }
    return a;
  }

  static void writeCentre(Output out, PhaseCentre c) {
    out.writeDouble(c.raRad());
    out.writeDouble(c.decRad());
  }

  static PhaseCentre readCentre(Input in) {
    return new PhaseCentre(in.readDouble(), in.readDouble());
  }

  /** {@link PhaseCentre}: two doubles. */
  static final class PhaseCentreSerializer extends Serializer<PhaseCentre> {
    @Override
    public void write(Kryo kryo, Output out, PhaseCentre c) {
      writeCentre(out, c);
    }

    @Override
    public PhaseCentre read(Kryo kryo, Input in, Class<PhaseCentre> type) {
      return readCentre(in);
    }
  }

  /** {@link VisibilityBlock}: every array in bulk, flags bit-packed. */
  static final class VisibilityBlockSerializer extends Serializer<VisibilityBlock> {
    @Override
    public void write(Kryo kryo, Output out, VisibilityBlock b) {
      writeDoubles(out, b.uMetres());
      writeDoubles(out, b.vMetres());
      writeDoubles(out, b.wMetres());
      writeInts(out, b.antenna1());
      writeInts(out, b.antenna2());
      writeDoubles(out, b.timeMjdSec());
      writeDoubles(out, b.integrationSec());
      writeDoubles(out, b.freqHz());
      writeDoubles(out, b.chanWidthHz());
      Stokes[] pols = b.pols();
      out.writeInt(pols.length, true);
      for (Stokes s : pols) {
        out.writeInt(s.code());
      }
      writeFloats(out, b.vis());
      writeFloats(out, b.weight());
      writeBooleans(out, b.flag());
      writeCentre(out, b.phaseCentre());
    }

    @Override
    public VisibilityBlock read(Kryo kryo, Input in, Class<VisibilityBlock> type) {
      double[] u = readDoubles(in);
      double[] v = readDoubles(in);
      double[] w = readDoubles(in);
      int[] a1 = readInts(in);
      int[] a2 = readInts(in);
      double[] t = readDoubles(in);
      double[] dt = readDoubles(in);
      double[] f = readDoubles(in);
      double[] df = readDoubles(in);
      Stokes[] pols = new Stokes[in.readInt(true)];
      for (int p = 0; p < pols.length; p++) {
        pols[p] = Stokes.fromCode(in.readInt());
      }
      float[] vis = readFloats(in);
      float[] weight = readFloats(in);
      boolean[] flag = readBooleans(in);
      PhaseCentre c = readCentre(in);
      return new VisibilityBlock(u, v, w, a1, a2, t, dt, f, df, pols, vis, weight, flag, c);
    }
  }

  static void writeGeometry(Output out, ImageGeometry g) {
    out.writeInt(g.nx(), true);
    out.writeInt(g.ny(), true);
    out.writeDouble(g.cellRad());
    writeCentre(out, g.centre());
    out.writeDouble(g.freqHz());
    out.writeDouble(g.bandwidthHz());
    out.writeInt(g.stokes().code());
  }

  static ImageGeometry readGeometry(Input in) {
    int nx = in.readInt(true);
    int ny = in.readInt(true);
    double cell = in.readDouble();
    PhaseCentre c = readCentre(in);
    double f = in.readDouble();
    double bw = in.readDouble();
    Stokes s = Stokes.fromCode(in.readInt());
    return new ImageGeometry(nx, ny, cell, c, f, bw, s);
  }

  /** {@link ImageGeometry}. */
  static final class ImageGeometrySerializer extends Serializer<ImageGeometry> {
    @Override
    public void write(Kryo kryo, Output out, ImageGeometry g) {
      writeGeometry(out, g);
    }

    @Override
    public ImageGeometry read(Kryo kryo, Input in, Class<ImageGeometry> type) {
      return readGeometry(in);
    }
  }

  /** {@link Beam}: three doubles. */
  static final class BeamSerializer extends Serializer<Beam> {
    @Override
    public void write(Kryo kryo, Output out, Beam b) {
      out.writeDouble(b.majorRad());
      out.writeDouble(b.minorRad());
      out.writeDouble(b.paRad());
    }

    @Override
    public Beam read(Kryo kryo, Input in, Class<Beam> type) {
      return new Beam(in.readDouble(), in.readDouble(), in.readDouble());
    }
  }

  /** {@link Image}: geometry, pixels, optional beam, unit. */
  static final class ImageSerializer extends Serializer<Image> {
    @Override
    public void write(Kryo kryo, Output out, Image im) {
      writeGeometry(out, im.geometry());
      writeDoubles(out, im.pixels());
      Beam b = im.beam();
      out.writeBoolean(b != null);
      if (b != null) {
        out.writeDouble(b.majorRad());
        out.writeDouble(b.minorRad());
        out.writeDouble(b.paRad());
      }
      out.writeString(im.unit());
    }

    @Override
    public Image read(Kryo kryo, Input in, Class<Image> type) {
      ImageGeometry g = readGeometry(in);
      double[] px = readDoubles(in);
      Beam b =
          in.readBoolean() ? new Beam(in.readDouble(), in.readDouble(), in.readDouble()) : null;
      return new Image(g, px, b, in.readString());
    }
  }

  /** {@link SkyComponent}: eight numbers. */
  static final class SkyComponentSerializer extends Serializer<SkyComponent> {
    @Override
    public void write(Kryo kryo, Output out, SkyComponent c) {
      out.writeDouble(c.raRad());
      out.writeDouble(c.decRad());
      out.writeDoubles(c.fluxJy());
      out.writeDouble(c.refFreqHz());
      out.writeDouble(c.spectralIndex());
      out.writeDouble(c.majorRad());
      out.writeDouble(c.minorRad());
      out.writeDouble(c.paRad());
    }

    @Override
    public SkyComponent read(Kryo kryo, Input in, Class<SkyComponent> type) {
      double ra = in.readDouble();
      double dec = in.readDouble();
      double[] flux = in.readDoubles(4);
      return new SkyComponent(
          ra,
          dec,
          flux,
          in.readDouble(),
          in.readDouble(),
          in.readDouble(),
          in.readDouble(),
          in.readDouble());
    }
  }

  /** {@link GainTable}. */
  static final class GainTableSerializer extends Serializer<GainTable> {
    @Override
    public void write(Kryo kryo, Output out, GainTable g) {
      out.writeInt(g.type().ordinal(), true);
      out.writeInt(g.nAnt(), true);
      writeDoubles(out, g.slotStartMjdSec());
      writeDoubles(out, g.slotEndMjdSec());
      writeDoubles(out, g.blockFreqHz());
      writeDoubles(out, g.jones());
      writeBooleans(out, g.flagged());
      out.writeInt(g.refAnt());
    }

    @Override
    public GainTable read(Kryo kryo, Input in, Class<GainTable> type) {
      GainTable.JonesType t = GainTable.JonesType.values()[in.readInt(true)];
      int nAnt = in.readInt(true);
      double[] s0 = readDoubles(in);
      double[] s1 = readDoubles(in);
      double[] f = readDoubles(in);
      double[] j = readDoubles(in);
      boolean[] flagged = readBooleans(in);
      return new GainTable(t, nAnt, s0, s1, f, j, flagged, in.readInt());
    }
  }
}
