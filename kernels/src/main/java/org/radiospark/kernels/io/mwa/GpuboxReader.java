package org.radiospark.kernels.io.mwa;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nom.tam.fits.FitsUtil;
import nom.tam.fits.Header;
import nom.tam.fits.TruncatedFileException;
import nom.tam.util.FitsFile;
import org.radiospark.kernels.io.FitsLayout;
import org.radiospark.kernels.io.HeaderAccess;
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
 * <p>Non-finite values (NaN, Inf, in either part) are delivered as NaN in both parts of the sample,
 * so a consumer flags them with one test ({@link org.radiospark.kernels.preprocess.Preprocessor}
 * does); MWAX weights that are not finite and positive read as 0 (no data).
 *
 * <p>Cost per integration O(baselines x fine channels); one HDU is held in memory at a time (the
 * data are read by byte offset, not through nom-tam-fits' HDU list, which keeps every HDU read).
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
    // Headers are parsed and data skipped by offset: a legacy gpubox file holds a gigabyte.
    try (FitsFile in = new FitsFile(file.toFile(), "r")) {
      Header ph = readHeader(f, in, 1);
      long primaryData = FitsUtil.addPadding(FitsLayout.dataBytes(ph, f, "HDU 1"));
      if (in.getFilePointer() + primaryData > in.length()) {
        throw new InvalidInputException(f, "HDU 1 NAXISn", "data truncated");
      }
      in.seek(in.getFilePointer() + primaryData);
      boolean mwax = new HeaderAccess(ph, f).integer("CORR_VER", 1) == 2;
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
      long length = in.length();
      for (int index = 1; in.getFilePointer() < length; index++) {
        Header h = readHeader(f, in, index + 1);
        String where = "HDU " + (index + 1);
        long offset = in.getFilePointer();
        long dataSize = FitsUtil.addPadding(FitsLayout.dataBytes(h, f, where));
        if (offset + dataSize > length) {
          throw new InvalidInputException(f, where, "data truncated");
        }
        in.seek(offset + dataSize);
        HeaderAccess ha = new HeaderAccess(h, f);
        int naxis1 = ha.integer("NAXIS1", 0);
        int naxis2 = ha.integer("NAXIS2", 0);
        int bitpix = ha.integer("BITPIX", 0);
        if (!h.containsKey("TIME")) {
          throw new InvalidInputException(f, where + " TIME", "keyword missing");
        }
        if (bitpix != 32 && bitpix != -32) {
          throw new InvalidInputException(f, where + " BITPIX", "expected 32 or -32");
        }
        // TIME is Unix seconds: a double holds it exactly, and it outgrows an int in 2038.
        long timeMs = Math.round(ha.number("TIME")) * 1000L + ha.integer("MILLITIM", 0);
        if (mwax) {
          if (naxis1 == 4 && !steps.isEmpty() && steps.get(steps.size() - 1).weightsHdu() < 0) {
            GpuboxTimestep last = steps.remove(steps.size() - 1);
            if (naxis2 != nBaselines || last.unixTimeMs() != timeMs || bitpix != -32) {
              throw new InvalidInputException(
                  f, where, "weights HDU does not match its visibility HDU");
            }
            steps.add(last.withWeights(index, offset));
            continue;
          }
          if (naxis2 != nBaselines || naxis1 % 8 != 0 || naxis1 == 0) {
            throw new InvalidInputException(
                f,
                where + " NAXIS1/NAXIS2",
                "expected " + nBaselines + " rows of nFine x 4 pols x 2 floats");
          }
          steps.add(step(ha, index, timeMs, naxis1 / 8, offset, bitpix));
        } else {
          if (naxis1 != LegacyBaselineMap.N_BASELINES * 8 || naxis2 < 1) {
            throw new InvalidInputException(
                f, where + " NAXIS1", "expected 66048 (8256 baselines x 4 pols x 2) per channel");
          }
          steps.add(step(ha, index, timeMs, naxis2, offset, bitpix));
        }
      }
      if (steps.isEmpty()) {
        throw new InvalidInputException(f, null, "no visibility HDUs");
      }
      return new GpuboxFile(file, version, channel, batch, nBaselines, steps);
    } catch (IOException e) {
      throw new InvalidInputException(f, null, "not a readable FITS file: " + e.getMessage(), e);
    }
  }

  private static GpuboxTimestep step(
      HeaderAccess h, int index, long timeMs, int nFine, long offset, int bitpix) {
    return new GpuboxTimestep(
        index,
        -1,
        timeMs,
        nFine,
        offset,
        -1,
        bitpix,
        h.number("BSCALE", 1.0),
        h.number("BZERO", 0.0));
  }

  private static Header readHeader(String f, FitsFile in, int hduNumber) throws IOException {
    try {
      Header h = Header.readHeader(in);
      if (h == null) {
        throw new InvalidInputException(f, "HDU " + hduNumber, "missing header");
      }
      return h;
    } catch (TruncatedFileException e) {
      throw new InvalidInputException(f, "HDU " + hduNumber, "truncated header", e);
    } catch (RuntimeException e) {
      // nom-tam-fits rejects non-ASCII header bytes with IllegalArgumentException.
      throw new InvalidInputException(
          f, "HDU " + hduNumber, "corrupt header: " + e.getMessage(), e);
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
    int nb = file.nBaselines();
    try (FitsFile in = new FitsFile(file.path().toFile(), "r")) {
      for (GpuboxTimestep ts : file.timesteps()) {
        int n = nb * ts.nFine() * 8;
        float[] raw = readFloats(f, in, ts.dataOffset(), n, ts.bitpix(), ts.bscale(), ts.bzero());
        float[] vis;
        if (mwax) {
          vis = raw; // already [baseline][fine][pol][re, im]
        } else {
          // legacy rows are fine channels of [correlator product][re, im]
          vis = new float[n];
          int rowLength = LegacyBaselineMap.N_BASELINES * 8;
          for (int fine = 0; fine < ts.nFine(); fine++) {
            int row = fine * rowLength;
            for (int b = 0; b < nb; b++) {
              for (int p = 0; p < 4; p++) {
                int s = row + 2 * legacyMap.source(b, p);
                int o = ((b * ts.nFine() + fine) * 4 + p) * 2;
                vis[o] = raw[s];
                vis[o + 1] = legacyMap.conjugate(b, p) ? -raw[s + 1] : raw[s + 1];
              }
            }
          }
        }
        for (int i = 0; i < vis.length; i += 2) {
          if (!Float.isFinite(vis[i]) || !Float.isFinite(vis[i + 1])) {
            vis[i] = Float.NaN;
            vis[i + 1] = Float.NaN;
          }
        }
        float[] weights =
            ts.weightsOffset() >= 0
                ? readFloats(f, in, ts.weightsOffset(), nb * 4, -32, 1.0, 0.0)
                : null;
        if (weights != null) {
          for (int i = 0; i < weights.length; i++) {
            weights[i] = weights[i] > 0 && weights[i] < Float.POSITIVE_INFINITY ? weights[i] : 0f;
          }
        }
        consumer.accept(ts, vis, weights);
      }
    } catch (IOException e) {
      throw new InvalidInputException(f, null, "not a readable FITS file: " + e.getMessage(), e);
    }
  }

  /** Reads {@code n} big-endian int32 or float32 values at {@code offset}, scaled. */
  private static float[] readFloats(
      String f, FitsFile in, long offset, int n, int bitpix, double scale, double zero)
      throws IOException {
    in.seek(offset);
    float[] out = new float[n];
    if (bitpix == -32) {
      readFully(f, in, out);
      if (scale != 1.0 || zero != 0.0) {
        for (int i = 0; i < n; i++) {
          out[i] = (float) (out[i] * scale + zero);
        }
      }
      return out;
    }
    int[] ints = new int[n];
    int got = 0;
    while (got < n) {
      int r = in.read(ints, got, n - got);
      if (r <= 0) {
        throw new InvalidInputException(f, null, "data truncated at byte " + offset);
      }
      got += r / Integer.BYTES;
    }
    for (int i = 0; i < n; i++) {
      out[i] = (float) (ints[i] * scale + zero);
    }
    return out;
  }

  private static void readFully(String f, FitsFile in, float[] out) throws IOException {
    int got = 0;
    while (got < out.length) {
      int r = in.read(out, got, out.length - got);
      if (r <= 0) {
        throw new InvalidInputException(f, null, "data truncated");
      }
      got += r / Float.BYTES;
    }
  }
}
