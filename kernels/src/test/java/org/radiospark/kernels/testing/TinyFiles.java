package org.radiospark.kernels.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import nom.tam.fits.BinaryTable;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.FitsException;
import nom.tam.fits.Header;
import nom.tam.util.FitsOutputStream;
import org.radiospark.kernels.io.FitsImageOptions;
import org.radiospark.kernels.io.FitsImageWriter;
import org.radiospark.kernels.io.ImageCube;
import org.radiospark.kernels.io.UvfitsData;
import org.radiospark.kernels.io.UvfitsWriter;
import org.radiospark.kernels.io.psrfits.Psrfits;
import org.radiospark.kernels.io.psrfits.PsrfitsSearch;
import org.radiospark.kernels.io.sigproc.Filterbank;
import org.radiospark.kernels.io.sigproc.Sigproc;
import org.radiospark.kernels.io.sigproc.SigprocHeader;
import org.radiospark.kernels.model.AntennaConfiguration;
import org.radiospark.kernels.model.Image;
import org.radiospark.kernels.model.ImageGeometry;
import org.radiospark.kernels.model.PhaseCentre;
import org.radiospark.kernels.model.Stokes;
import org.radiospark.kernels.model.VisibilityBlock;

/**
 * Tiny but complete files of every binary format the readers accept (a few KB each), written with
 * the project's own writers (or, for the MWA formats, which have no writer, by the layout the
 * readers document). The bad-input corpus and the fuzz tests start from these and damage them at
 * run time, so no third-party data file is copied into the repository.
 */
public final class TinyFiles {
  /** Antennas of the tiny MWA observation (4 inputs, 3 baselines with autos). */
  public static final int MWA_ANTENNAS = 2;

  /** Fine channels per coarse channel of the tiny MWA observation. */
  public static final int MWA_FINE = 2;

  /** GPS time (observation id) of the tiny MWA observation: 2021-11-08T12:27:50 UTC. */
  public static final long MWA_GPSTIME = 1320409688L;

  /** Receiver channel of the tiny MWAX gpubox file. */
  public static final int MWA_CHANNEL = 137;

  private TinyFiles() {}

  /**
   * A UVFITS file: 6 antennas, 10 rows (5 baselines x 2 times), 2 channels, XX and YY, random
   * visibilities, unit weights.
   */
  public static Path uvfits(Path file, long seed) throws IOException {
    return uvfits(file, block(seed));
  }

  /** Writes {@code block} with the 6 antennas of {@link #block(long)}. */
  public static Path uvfits(Path file, VisibilityBlock block) throws IOException {
    UvfitsWriter.write(file, UvfitsData.of(block, antennas(), "TINY", "test"), true);
    return file;
  }

  /** The block of {@link #uvfits(Path, long)}: rows time-major, baselines (a, 5), a = 0..4. */
  public static VisibilityBlock block(long seed) {
    Random r = new Random(seed);
    int rows = 10;
    double[] u = new double[rows];
    double[] v = new double[rows];
    double[] w = new double[rows];
    int[] a1 = new int[rows];
    int[] a2 = new int[rows];
    double[] t = new double[rows];
    double[] dt = new double[rows];
    for (int i = 0; i < rows; i++) {
      a1[i] = i % 5;
      a2[i] = 5;
      u[i] = 40 * (a1[i] - 2.5) + (i / 5) * 0.5;
      v[i] = 25 * (a1[i] % 3 - 1.2);
      w[i] = 0.1 * a1[i];
      t[i] = 5.0e9 + 8.0 * (i / 5);
      dt[i] = 8;
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
            new double[] {1.50e8, 1.51e8},
            new double[] {1e6, 1e6},
            new Stokes[] {Stokes.XX, Stokes.YY},
            PhaseCentre.ofDegrees(10, -30));
    float[] vis = b.vis();
    for (int i = 0; i < vis.length; i++) {
      vis[i] = (float) r.nextGaussian();
    }
    return b;
  }

  /** The six antennas (east-west line, 4 m dishes) of {@link #block(long)}. */
  public static AntennaConfiguration antennas() {
    return new AntennaConfiguration(
        "TEST",
        new String[] {"A0", "A1", "A2", "A3", "A4", "A5"},
        new double[] {-2.56e6, -2.56e6, -2.56e6, -2.56e6, -2.56e6, -2.56e6},
        new double[] {5.09e6, 5.09e6 + 10, 5.09e6 + 20, 5.09e6 + 30, 5.09e6 + 40, 5.09e6 + 50},
        new double[] {-2.85e6, -2.85e6, -2.85e6, -2.85e6, -2.85e6, -2.85e6},
        new double[] {4, 4, 4, 4, 4, 4},
        new boolean[6]);
  }

  /** An 8 x 8 SIN image cube of 2 channels x Stokes I (float32), random pixels. */
  public static Path fitsImage(Path file, long seed) throws IOException {
    Random r = new Random(seed);
    List<Image> planes = new ArrayList<>();
    for (int f = 0; f < 2; f++) {
      Image im =
          Image.zeros(
              new ImageGeometry(
                  8, 8, 1e-4, PhaseCentre.ofDegrees(10, -30), 1.5e8 + 1e6 * f, 1e6, Stokes.I));
      double[] px = im.pixels();
      for (int i = 0; i < px.length; i++) {
        px[i] = r.nextGaussian();
      }
      planes.add(im);
    }
    FitsImageWriter.writeCube(file, new ImageCube(planes, 2, 1), FitsImageOptions.defaults());
    return file;
  }

  /** A SIGPROC header of {@code nchans} channels, {@code nbits} bits, 1 IF, 64 us sampling. */
  public static SigprocHeader sigprocHeader(int nchans, int nbits) {
    return SigprocHeader.empty()
        .with("source_name", "TINY")
        .with("telescope_id", 6)
        .with("machine_id", 10)
        .with("data_type", 1)
        .with("fch1", 1500.0)
        .with("foff", -0.5)
        .with("nchans", nchans)
        .with("nbits", nbits)
        .with("nifs", 1)
        .with("tstart", 60000.25)
        .with("tsamp", 6.4e-5);
  }

  /** A filterbank of 8 channels, 8 bits, 32 samples of random values. */
  public static Path filterbank(Path file, long seed) throws IOException {
    Random r = new Random(seed);
    float[] data = new float[8 * 32];
    for (int i = 0; i < data.length; i++) {
      data[i] = r.nextInt(256);
    }
    Sigproc.writeFilterbank(file, new Filterbank(sigprocHeader(8, 8), data), true);
    return file;
  }

  /** A PSRFITS search-mode file: 4 channels, 1 pol, 4 samples per row, 2 rows, 8 bits. */
  public static Path psrfits(Path file, long seed) throws IOException {
    Random r = new Random(seed);
    int nchan = 4;
    int nsblk = 4;
    PsrfitsSearch.Format f = new PsrfitsSearch.Format(nchan, 1, nsblk, 8, 1e-4, -0.5, "AA+BB");
    List<PsrfitsSearch.Row> rows = new ArrayList<>();
    for (int row = 0; row < 2; row++) {
      double[] freq = new double[nchan];
      float[] wts = new float[nchan];
      float[] offs = new float[nchan];
      float[] scl = new float[nchan];
      for (int c = 0; c < nchan; c++) {
        freq[c] = 1400 - 0.5 * c;
        wts[c] = 1;
        scl[c] = 1;
      }
      byte[] s = new byte[f.samplesPerRow()];
      for (int i = 0; i < s.length; i++) {
        s[i] = (byte) r.nextInt(256);
      }
      rows.add(new PsrfitsSearch.Row(4e-4, (row + 0.5) * 4e-4, freq, wts, offs, scl, s));
    }
    Psrfits.write(
        file,
        new PsrfitsSearch(
            new PsrfitsSearch.Primary(
                "MWA", "TINY", "04:37:15.9", "-47:15:09.1", 1399, -2, 60000, 100, 0),
            f,
            rows),
        true);
    return file;
  }

  /**
   * A metafits of {@link #MWA_ANTENNAS} tiles (inputs 0..3), one coarse channel {@link
   * #MWA_CHANNEL} of {@link #MWA_FINE} fine channels of 640 kHz, 1 s integrations; {@code
   * withTiledata} false leaves the TILEDATA table out.
   */
  public static Path metafits(Path file, boolean withTiledata) throws IOException {
    try {
      Header h = new Header();
      h.addValue("SIMPLE", true, "");
      h.addValue("BITPIX", 8, "");
      h.addValue("NAXIS", 0, "");
      h.addValue("EXTEND", true, "");
      h.addValue("GPSTIME", MWA_GPSTIME, "");
      h.addValue("DATE-OBS", "2021-11-08T12:27:50", "");
      h.addValue("RA", 60.0, "");
      h.addValue("DEC", -26.7, "");
      h.addValue("FINECHAN", 640.0, "[kHz]");
      h.addValue("INTTIME", 1.0, "[s]");
      h.addValue("CHANNELS", String.valueOf(MWA_CHANNEL), "");
      h.addValue("CENTCHAN", MWA_CHANNEL, "");
      h.addValue("NCHANS", MWA_FINE, "");
      h.addValue("NSCANS", 2, "");
      h.addValue("CABLEDEL", 1, "");
      h.addValue("GEODEL", 1, "");
      h.addValue("QUACKTIM", 0.0, "");
      int n = 2 * MWA_ANTENNAS;
      short[] input = new short[n];
      short[] antenna = new short[n];
      short[] tile = new short[n];
      String[] name = new String[n];
      String[] pol = new String[n];
      short[] flag = new short[n];
      String[] length = new String[n];
      float[] north = new float[n];
      float[] east = new float[n];
      float[] height = new float[n];
      for (int i = 0; i < n; i++) {
        input[i] = (short) i;
        antenna[i] = (short) (i / 2);
        tile[i] = (short) (11 + i / 2);
        name[i] = "Tile0" + (11 + i / 2);
        pol[i] = i % 2 == 0 ? "X" : "Y";
        length[i] = "EL_100.0";
        north[i] = 30f * (i / 2);
        east[i] = 40f * (i / 2);
        height[i] = 377f;
      }
      BinaryTableHDU t =
          BinaryTableHDU.wrap(
              BinaryTable.fromColumnMajor(
                  new Object[] {
                    input, antenna, tile, name, pol, flag, length, north, east, height
                  }));
      String[] cols = {
        "Input", "Antenna", "Tile", "TileName", "Pol", "Flag", "Length", "North", "East", "Height"
      };
      for (int c = 0; c < cols.length; c++) {
        t.setColumnName(c, cols[c], null);
      }
      t.getHeader().addValue("EXTNAME", withTiledata ? "TILEDATA" : "OTHER", "");
      try (OutputStream os = Files.newOutputStream(file);
          FitsOutputStream out = new FitsOutputStream(os)) {
        h.write(out);
        t.write(out);
        out.flush();
      }
      return file;
    } catch (FitsException e) {
      throw new IOException(e);
    }
  }

  /**
   * An MWAX gpubox file {@code <dir>/<MWA_GPSTIME>_..._ch<MWA_CHANNEL>_000.fits} for the metafits
   * of {@link #metafits}: {@code nTimes} integrations, each an image HDU {@code
   * [baseline][fine][pol][re, im]} of {@code nFine} fine channels followed by its weights HDU
   * {@code [baseline][pol]} of ones.
   *
   * @param vis the visibilities of each integration, or null for random ones
   */
  public static Path mwaxGpubox(Path dir, int nTimes, int nFine, float[][] vis, long seed)
      throws IOException {
    return mwaxGpubox(dir, MWA_ANTENNAS, nTimes, nFine, vis, seed);
  }

  /** {@link #mwaxGpubox(Path, int, int, float[][], long)} for {@code nAnt} antennas. */
  public static Path mwaxGpubox(Path dir, int nAnt, int nTimes, int nFine, float[][] vis, long seed)
      throws IOException {
    Path file = dir.resolve(MWA_GPSTIME + "_20211108122750_ch" + MWA_CHANNEL + "_000.fits");
    Random r = new Random(seed);
    int nb = nAnt * (nAnt + 1) / 2;
    long unix = MWA_GPSTIME + 315_964_782L; // GPS to Unix (18 leap seconds in 2021)
    try (OutputStream os = Files.newOutputStream(file);
        FitsOutputStream out = new FitsOutputStream(os)) {
      Header p = new Header();
      p.addValue("SIMPLE", true, "");
      p.addValue("BITPIX", 8, "");
      p.addValue("NAXIS", 0, "");
      p.addValue("EXTEND", true, "");
      p.addValue("CORR_VER", 2, "MWAX");
      p.addValue("NINPUTS", 2 * nAnt, "");
      p.write(out);
      for (int t = 0; t < nTimes; t++) {
        float[][] data = new float[nb][nFine * 8];
        for (int b = 0; b < nb; b++) {
          for (int k = 0; k < nFine * 8; k++) {
            data[b][k] = vis != null ? vis[t][b * nFine * 8 + k] : (float) r.nextGaussian();
          }
        }
        writeImage(out, data, unix + t, 0);
        float[][] wts = new float[nb][4];
        for (float[] row : wts) {
          java.util.Arrays.fill(row, 1f);
        }
        writeImage(out, wts, unix + t, 0);
      }
      out.flush();
    }
    return file;
  }

  private static void writeImage(FitsOutputStream out, float[][] data, long time, int millis)
      throws IOException {
    Header h = new Header();
    try {
      h.addValue("XTENSION", "IMAGE", "");
      h.addValue("BITPIX", -32, "");
      h.addValue("NAXIS", 2, "");
      h.addValue("NAXIS1", data[0].length, "");
      h.addValue("NAXIS2", data.length, "");
      h.addValue("PCOUNT", 0, "");
      h.addValue("GCOUNT", 1, "");
      h.addValue("TIME", time, "Unix s");
      h.addValue("MILLITIM", millis, "ms");
      h.write(out);
    } catch (FitsException e) {
      throw new IOException(e);
    }
    for (float[] row : data) {
      out.writeArray(row);
    }
    long bytes = 4L * data.length * data[0].length;
    out.write(new byte[(int) ((2880 - bytes % 2880) % 2880)]);
  }
}
