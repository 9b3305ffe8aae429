package org.radiospark.jobs.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Random;
import nom.tam.fits.FitsUtil;
import org.radiospark.kernels.io.UvfitsData;
import org.radiospark.kernels.io.UvfitsPlan;
import org.radiospark.kernels.io.UvfitsReadOptions;
import org.radiospark.kernels.io.UvfitsReader;
import org.radiospark.kernels.io.UvfitsWriter;
import org.radiospark.kernels.model.AntennaConfiguration;
import org.radiospark.kernels.model.PhaseCentre;
import org.radiospark.kernels.model.Stokes;
import org.radiospark.kernels.model.VisibilityBlock;

/**
 * A UVFITS file of any size for memory benchmarks, written in one streaming pass (bounded memory,
 * whatever the size): one time step of every cross-correlation of a random array is written by
 * {@link UvfitsWriter} as a template, then its groups are repeated, each repetition a later time
 * step ({@code INTTIM} later) with its baselines rotated by a small angle, as Earth rotation would
 * turn them, so the uv plane fills as in a real track. Visibilities: a 1 Jy point source at the
 * phase centre ({@code 1 + 0i} in XX and YY) plus Gaussian noise of 0.1 Jy; unit weights.
 *
 * @param antennas antennas of the array (random positions within 2 km, ECEF around MeerKAT)
 * @param channels channels (1 MHz from 1 GHz)
 * @param targetBytes the file is at least this large (whole time steps)
 * @param seed noise and layout seed
 */
public record SyntheticUvfits(int antennas, int channels, long targetBytes, long seed) {
  private static final double INTTIM_SEC = 1.0;

  /** Validates the sizes. */
  public SyntheticUvfits {
    if (antennas < 2 || antennas > 255 || channels < 1 || targetBytes < 1) {
      throw new IllegalArgumentException("need 2..255 antennas, channels >= 1, a size > 0");
    }
  }

  /** What was written: file size, rows, time steps. */
  public record Written(long bytes, long rows, int timeSteps) {}

  /** Writes the file (replacing it). */
  public Written write(Path file) throws IOException {
    Path template = file.resolveSibling(file.getFileName() + ".template");
    UvfitsWriter.write(template, template(), true);
    try {
      return repeat(template, file);
    } finally {
      Files.deleteIfExists(template);
    }
  }

  private UvfitsData template() {
    Random r = new Random(seed);
    double[] e = new double[antennas];
    double[] n = new double[antennas];
    double[] up = new double[antennas];
    String[] names = new String[antennas];
    for (int a = 0; a < antennas; a++) {
      double radius = 2000 * Math.sqrt(r.nextDouble());
      double phi = 2 * Math.PI * r.nextDouble();
      e[a] = radius * Math.cos(phi);
      n[a] = radius * Math.sin(phi);
      up[a] = 5 * r.nextGaussian();
      names[a] = String.format(Locale.ROOT, "S%03d", a);
    }
    int rows = antennas * (antennas - 1) / 2;
    double[] u = new double[rows];
    double[] v = new double[rows];
    double[] w = new double[rows];
    int[] a1 = new int[rows];
    int[] a2 = new int[rows];
    double[] t = new double[rows];
    double[] dt = new double[rows];
    int k = 0;
    for (int i = 0; i < antennas; i++) {
      for (int j = i + 1; j < antennas; j++, k++) {
        a1[k] = i;
        a2[k] = j;
        u[k] = e[j] - e[i];
        v[k] = n[j] - n[i];
        w[k] = up[j] - up[i];
        t[k] = 5.0e9;
        dt[k] = INTTIM_SEC;
      }
    }
    double[] freq = new double[channels];
    double[] width = new double[channels];
    for (int c = 0; c < channels; c++) {
      freq[c] = 1.0e9 + 1.0e6 * c;
      width[c] = 1.0e6;
    }
    VisibilityBlock b =
        VisibilityBlock.zeros(
            u,
            v,
            w,
            a1,
            a2,
            t,
            dt,
            freq,
            width,
            new Stokes[] {Stokes.XX, Stokes.YY},
            PhaseCentre.ofDegrees(150, -30));
    float[] vis = b.vis();
    for (int i = 0; i < vis.length / 2; i++) {
      vis[2 * i] = (float) (1 + 0.1 * r.nextGaussian());
      vis[2 * i + 1] = (float) (0.1 * r.nextGaussian());
    }
    double[] zero = new double[antennas];
    double[] x = new double[antennas];
    double[] y = new double[antennas];
    double[] z = new double[antennas];
    for (int a = 0; a < antennas; a++) {
      // local east/north/up offsets added to an ECEF point of the MeerKAT site (the imager uses the
      // uvw of the rows; positions only label the antennas)
      x[a] = 5109360.0 + up[a];
      y[a] = 2006852.0 + e[a];
      z[a] = -3238948.0 + n[a];
      zero[a] = 13.5;
    }
    AntennaConfiguration ants =
        new AntennaConfiguration("SYNTHETIC", names, x, y, z, zero, new boolean[antennas]);
    return UvfitsData.of(b, ants, "BENCH", "radiospark bench memory");
  }

  private Written repeat(Path template, Path file) throws IOException {
    UvfitsPlan plan = UvfitsReader.plan(template, UvfitsReadOptions.defaults());
    long groupData = plan.groupDataBytes();
    int rowsPerStep = plan.nRows();
    int groupBytes = (int) (groupData / rowsPerStep);
    byte[] all = Files.readAllBytes(template);
    int headerBytes = headerBytes(all);
    long tablesAt = headerBytes + FitsUtil.addPadding(groupData);
    long steps = Math.max(1, (targetBytes + groupData - 1) / groupData);
    long rows = steps * rowsPerStep;
    if (rows > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("more than 2^31 rows: " + rows);
    }
    byte[] header = all.clone();
    setGcount(header, headerBytes, rows);
    try (OutputStream out =
        new BufferedOutputStream(
            Files.newOutputStream(
                file,
                StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE),
            1 << 20)) {
      out.write(header, 0, headerBytes);
      ByteBuffer g = ByteBuffer.allocate(groupBytes).order(ByteOrder.BIG_ENDIAN);
      for (long s = 0; s < steps; s++) {
        // 15 degrees of hour angle per hour, as the Earth turns
        double angle = Math.toRadians(15.0 * s * INTTIM_SEC / 3600.0);
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        float dayShift = (float) (s * INTTIM_SEC / 86_400.0);
        for (int r = 0; r < rowsPerStep; r++) {
          g.clear();
          g.put(all, headerBytes + r * groupBytes, groupBytes);
          float uu = g.getFloat(0);
          float vv = g.getFloat(4);
          g.putFloat(0, (float) (uu * cos - vv * sin));
          g.putFloat(4, (float) (uu * sin + vv * cos));
          // the second DATE parameter holds the small part of the day fraction
          g.putFloat(20, g.getFloat(20) + dayShift);
          out.write(g.array(), 0, groupBytes);
        }
      }
      long data = steps * groupData;
      out.write(new byte[FitsUtil.padding(data)]);
      out.write(all, (int) tablesAt, all.length - (int) tablesAt);
    }
    long size;
    try (FileChannel ch = FileChannel.open(file)) {
      size = ch.size();
    }
    return new Written(size, rows, (int) steps);
  }

  /** Bytes of the primary header: up to the 2880-byte block holding the END card. */
  private static int headerBytes(byte[] f) {
    for (int card = 0; 80 * card + 80 <= f.length; card++) {
      String key = new String(f, 80 * card, 8, StandardCharsets.US_ASCII);
      if (key.equals("END     ")) {
        return (int) FitsUtil.addPadding(80L * (card + 1));
      }
    }
    throw new IllegalStateException("no END card in the template header");
  }

  private static void setGcount(byte[] h, int headerBytes, long rows) {
    for (int at = 0; at < headerBytes; at += 80) {
      if (new String(h, at, 8, StandardCharsets.US_ASCII).equals("GCOUNT  ")) {
        String card =
            String.format(Locale.ROOT, "%-8s= %20d / number of groups (rows)", "GCOUNT", rows);
        byte[] b = String.format(Locale.ROOT, "%-80s", card).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, at, 80);
        return;
      }
    }
    throw new IllegalStateException("no GCOUNT card in the template header");
  }
}
