package org.radiospark.kernels.io.mwa;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.FitsException;
import nom.tam.fits.Header;
import org.radiospark.kernels.model.InvalidInputException;

/**
 * Reads MWA gpubox visibility files of both correlator generations into the mwalib order {@code
 * vis[((b * nFine + f) * 4 + p) * 2 + {0 re, 1 im}]}: baselines {@code b} over {@code (a1, a2)},
 * {@code a1 <= a2} by metafits {@code Antenna}; pols XX, XY, YX, YY.
 *
 * <ul>
 *   <li>Legacy: reordered and conjugated by {@link LegacyBaselineMap}; int32 data are scaled by the
 *       HDU's {@code BSCALE}/{@code BZERO} (the mini files of 1131733552 have BSCALE 0.5).
 *   <li>MWAX: already in this order; each visibility HDU is followed by a weights HDU {@code
 *       [baseline][pol]} (the fraction of data the correlator received; 0 = none).
 * </ul>
 *
 * <p>Cost per integration O(baselines x fine channels); one HDU is held in memory at a time.
 */
public final class GpuboxReader {
  private static final Pattern LEGACY_NAME = Pattern.compile("gpubox(\\d+)(?:_(\\d+))?");
  private static final Pattern MWAX_NAME = Pattern.compile("_ch(\\d+)(?:_(\\d+))?");

  private GpuboxReader() {}

  /** Receives one integration of a file. */
  @FunctionalInterface
  public interface TimestepConsumer {
    /**
     * @param timestep the integration
     * @param vis visibilities in the order of the class comment (a buffer reused between calls)
     * @param weights MWAX weights {@code [baseline * 4 + pol]}, or null for legacy files
     */
    void accept(GpuboxTimestep timestep, float[] vis, float[] weights);
  }

  /** Finds the correlator version, coarse channel and integrations of {@code file}. */
  public static GpuboxFile scan(Path file, Metafits meta) {
    String f = file.toString();
    if (!Files.isRegularFile(file)) {
      throw new InvalidInputException(f, null, "no such gpubox file");
    }
    String name = file.getFileName().toString();
    try (Fits fits = new Fits(file.toFile())) {
      BasicHDU<?> primary = fits.readHDU();
      if (primary == null) {
        throw new InvalidInputException(f, null, "empty FITS file");
      }
      Header ph = primary.getHeader();
      boolean mwax = ph.getIntValue("CORR_VER", 1) == 2;
      CorrelatorVersion version = mwax ? CorrelatorVersion.MWAX : CorrelatorVersion.LEGACY;
      int nAnt = meta.nAntennas();
      int nBaselines = nAnt * (nAnt + 1) / 2;
      int channel;
      int batch;
      if (mwax) {
        Matcher m = MWAX_NAME.matcher(name);
        if (!m.find()) {
          throw new InvalidInputException(f, "file name", "expected ..._chCCC_BBB.fits (MWAX)");
        }
        channel = Integer.parseInt(m.group(1));
        batch = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
      } else {
        Matcher m = LEGACY_NAME.matcher(name);
        if (!m.find()) {
          throw new InvalidInputException(f, "file name", "expected ..._gpuboxNN_BB.fits (legacy)");
        }
        try {
          channel = meta.legacyGpuboxChannel(Integer.parseInt(m.group(1)));
        } catch (IllegalArgumentException e) {
          throw new InvalidInputException(f, "gpubox number", e.getMessage(), e);
        }
        batch = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
        if (nAnt != LegacyBaselineMap.N_ANTENNAS) {
          throw new InvalidInputException(
              meta.file(), "TILEDATA", "a legacy correlator file needs 256 inputs");
        }
      }
      List<GpuboxTimestep> steps = new ArrayList<>();
      int index = 1;
      for (BasicHDU<?> hdu = fits.readHDU(); hdu != null; hdu = fits.readHDU(), index++) {
        Header h = hdu.getHeader();
        int naxis1 = h.getIntValue("NAXIS1", 0);
        int naxis2 = h.getIntValue("NAXIS2", 0);
        String where = "HDU " + (index + 1);
        if (!h.containsKey("TIME")) {
          throw new InvalidInputException(f, where + " TIME", "keyword missing");
        }
        long timeMs = h.getLongValue("TIME") * 1000L + h.getLongValue("MILLITIM", 0L);
        if (mwax) {
          if (naxis1 == 4 && !steps.isEmpty() && steps.get(steps.size() - 1).weightsHdu() < 0) {
            GpuboxTimestep last = steps.remove(steps.size() - 1);
            if (naxis2 != nBaselines || last.unixTimeMs() != timeMs) {
              throw new InvalidInputException(
                  f, where, "weights HDU does not match its visibility HDU");
            }
            steps.add(new GpuboxTimestep(last.hdu(), index, timeMs, last.nFine()));
            continue;
          }
          if (naxis2 != nBaselines || naxis1 % 8 != 0 || naxis1 == 0) {
            throw new InvalidInputException(
                f,
                where + " NAXIS1/NAXIS2",
                "expected " + nBaselines + " rows of nFine x 4 pols x 2 floats");
          }
          steps.add(new GpuboxTimestep(index, -1, timeMs, naxis1 / 8));
        } else {
          if (naxis1 != LegacyBaselineMap.N_BASELINES * 8 || naxis2 < 1) {
            throw new InvalidInputException(
                f, where + " NAXIS1", "expected 66048 (8256 baselines x 4 pols x 2) per channel");
          }
          steps.add(new GpuboxTimestep(index, -1, timeMs, naxis2));
        }
      }
      if (steps.isEmpty()) {
        throw new InvalidInputException(f, null, "no visibility HDUs");
      }
      return new GpuboxFile(file, version, channel, batch, nBaselines, steps);
    } catch (FitsException | IOException e) {
      throw new InvalidInputException(f, null, "not a readable FITS file: " + e.getMessage(), e);
    }
  }

  /**
   * Reads every integration of {@code file} in HDU order.
   *
   * @param legacyMap the legacy reordering (required for legacy files, ignored for MWAX)
   */
  public static void read(GpuboxFile file, LegacyBaselineMap legacyMap, TimestepConsumer consumer) {
    String f = file.path().toString();
    boolean mwax = file.version() == CorrelatorVersion.MWAX;
    if (!mwax && legacyMap == null) {
      throw new IllegalArgumentException("a legacy file needs a LegacyBaselineMap");
    }
    try (Fits fits = new Fits(file.path().toFile())) {
      List<BasicHDU<?>> hdus = new ArrayList<>();
      for (BasicHDU<?> hdu = fits.readHDU(); hdu != null; hdu = fits.readHDU()) {
        hdus.add(hdu);
      }
      int nb = file.nBaselines();
      for (GpuboxTimestep ts : file.timesteps()) {
        if (ts.hdu() >= hdus.size()) {
          throw new InvalidInputException(f, "HDU " + (ts.hdu() + 1), "missing (file truncated?)");
        }
        float[][] rows = floatRows(f, hdus.get(ts.hdu()));
        float[] vis = new float[nb * ts.nFine() * 8];
        if (mwax) {
          for (int b = 0; b < nb; b++) {
            System.arraycopy(rows[b], 0, vis, b * ts.nFine() * 8, ts.nFine() * 8);
          }
        } else {
          for (int fine = 0; fine < ts.nFine(); fine++) {
            float[] row = rows[fine];
            for (int b = 0; b < nb; b++) {
              for (int p = 0; p < 4; p++) {
                int s = 2 * legacyMap.source(b, p);
                int o = ((b * ts.nFine() + fine) * 4 + p) * 2;
                vis[o] = row[s];
                vis[o + 1] = legacyMap.conjugate(b, p) ? -row[s + 1] : row[s + 1];
              }
            }
          }
        }
        float[] weights = null;
        if (ts.weightsHdu() >= 0) {
          float[][] w = floatRows(f, hdus.get(ts.weightsHdu()));
          weights = new float[nb * 4];
          for (int b = 0; b < nb; b++) {
            System.arraycopy(w[b], 0, weights, 4 * b, 4);
          }
        }
        consumer.accept(ts, vis, weights);
        hdus.set(ts.hdu(), null); // let the HDU's data be collected
      }
    } catch (FitsException | IOException e) {
      throw new InvalidInputException(f, null, "not a readable FITS file: " + e.getMessage(), e);
    }
  }

  /** The image of {@code hdu} as float rows, with BSCALE/BZERO applied. */
  private static float[][] floatRows(String f, BasicHDU<?> hdu) throws FitsException {
    Header h = hdu.getHeader();
    double scale = h.getDoubleValue("BSCALE", 1.0);
    double zero = h.getDoubleValue("BZERO", 0.0);
    Object k = hdu.getKernel();
    if (k instanceof float[][] a) {
      if (scale != 1.0 || zero != 0.0) {
        for (float[] row : a) {
          for (int i = 0; i < row.length; i++) {
            row[i] = (float) (row[i] * scale + zero);
          }
        }
      }
      return a;
    }
    if (k instanceof int[][] a) {
      float[][] out = new float[a.length][];
      for (int r = 0; r < a.length; r++) {
        out[r] = new float[a[r].length];
        for (int i = 0; i < a[r].length; i++) {
          out[r][i] = (float) (a[r][i] * scale + zero);
        }
      }
      return out;
    }
    throw new InvalidInputException(
        f, "BITPIX", "expected a 2-D int32 or float32 image, got " + describe(k));
  }

  private static String describe(Object k) {
    return k == null ? "no data" : k.getClass().getSimpleName();
  }
}
