package org.radiospark.kernels.preprocess;

import java.io.IOException;
import java.nio.file.Path;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.FitsException;
import nom.tam.fits.NullDataHDU;

/** Writes small MWAX gpubox files with planted visibilities, for preprocessing tests. */
final class SyntheticMwax {
  /** The planted value of one sample. */
  interface Vis {
    /** Returns {re, im} of (timestep, fine channel, baseline a1 <= a2, mwalib pol 0..3). */
    double[] at(int step, int fine, int a1, int a2, int pol);
  }

  /** The MWAX weight of one (timestep, baseline, pol). */
  interface Weight {
    float at(int step, int a1, int a2, int pol);
  }

  private SyntheticMwax() {}

  /**
   * Writes {@code OBS_DATE_chCCC_000.fits} with {@code nSteps} integrations from {@code
   * startUnixSec} spaced by {@code intSec}, 128 antennas, {@code nFine} channels.
   */
  static Path write(
      Path dir,
      int receiverChannel,
      long startUnixSec,
      double intSec,
      int nSteps,
      int nFine,
      Vis vis,
      Weight weight)
      throws IOException, FitsException {
    Path file =
        dir.resolve(String.format("1320409688_20211108122750_ch%03d_000.fits", receiverChannel));
    int nAnt = 128;
    int nb = nAnt * (nAnt + 1) / 2;
    try (Fits fits = new Fits()) {
      NullDataHDU primary = new NullDataHDU();
      primary.getHeader().addValue("CORR_VER", 2, "MWA Correlator Version");
      fits.addHDU(primary);
      for (int s = 0; s < nSteps; s++) {
        long ms = startUnixSec * 1000L + Math.round(s * intSec * 1000);
        float[][] data = new float[nb][nFine * 8];
        float[][] w = new float[nb][4];
        int b = 0;
        for (int a1 = 0; a1 < nAnt; a1++) {
          for (int a2 = a1; a2 < nAnt; a2++, b++) {
            for (int f = 0; f < nFine; f++) {
              for (int p = 0; p < 4; p++) {
                double[] v = vis.at(s, f, a1, a2, p);
                data[b][(f * 4 + p) * 2] = (float) v[0];
                data[b][(f * 4 + p) * 2 + 1] = (float) v[1];
              }
            }
            for (int p = 0; p < 4; p++) {
              w[b][p] = weight.at(s, a1, a2, p);
            }
          }
        }
        BasicHDU<?> h = Fits.makeHDU(data);
        h.getHeader().addValue("TIME", ms / 1000, "Unix time (seconds)");
        h.getHeader().addValue("MILLITIM", ms % 1000, "Milliseconds since TIME");
        fits.addHDU(h);
        BasicHDU<?> hw = Fits.makeHDU(w);
        hw.getHeader().addValue("TIME", ms / 1000, "Unix time (seconds)");
        hw.getHeader().addValue("MILLITIM", ms % 1000, "Milliseconds since TIME");
        fits.addHDU(hw);
      }
      fits.write(file.toFile());
    }
    return file;
  }
}
