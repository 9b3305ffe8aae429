package org.radiospark.kernels.io.psrfits;

import java.util.List;

/**
 * A PSRFITS search-mode file in memory.
 *
 * <p>Physical sample value: {@code raw x DAT_SCL + DAT_OFFS} (per channel and polarisation; files
 * that store one scale and offset per channel apply it to every polarisation), times {@code
 * DAT_WTS} of the channel.
 *
 * @param primary what the primary header says about the observation
 * @param format the SUBINT table's layout
 * @param rows the SUBINT rows in time order
 */
public record PsrfitsSearch(Primary primary, Format format, List<Row> rows) {
  /** Checks every row against the format. */
  public PsrfitsSearch {
    rows = List.copyOf(rows);
    for (int r = 0; r < rows.size(); r++) {
      rows.get(r).check(format, r);
    }
  }

  /**
   * Primary-header keywords kept.
   *
   * @param telescope TELESCOP
   * @param sourceName SRC_NAME
   * @param ra RA, "hh:mm:ss.ssss"
   * @param dec DEC, "dd:mm:ss.sss"
   * @param obsFreqMHz OBSFREQ, centre frequency, MHz
   * @param obsBwMHz OBSBW, bandwidth, MHz (negative: descending channels)
   * @param sttImjd STT_IMJD, start MJD (integer day, UTC)
   * @param sttSmjd STT_SMJD, start seconds past 0h UTC
   * @param sttOffsSec STT_OFFS, start-time fraction of a second
   */
  public record Primary(
      String telescope,
      String sourceName,
      String ra,
      String dec,
      double obsFreqMHz,
      double obsBwMHz,
      int sttImjd,
      int sttSmjd,
      double sttOffsSec) {}

  /**
   * The SUBINT table's layout.
   *
   * @param nchan NCHAN
   * @param npol NPOL: 1 (summed), 2 (AABB) or 4 (IQUV or AABBCRCI)
   * @param nsblk NSBLK, spectra per row
   * @param nbits NBITS: 4 or 8 (unsigned; two 4-bit samples per byte, first in the high nibble)
   * @param tbinSec TBIN, sampling time, s
   * @param chanBwMHz CHAN_BW, MHz (negative: descending frequency)
   * @param polType POL_TYPE, e.g. "AA+BB", "IQUV", "AABBCRCI"
   */
  public record Format(
      int nchan, int npol, int nsblk, int nbits, double tbinSec, double chanBwMHz, String polType) {
    /** Validates the values. */
    public Format {
      if (nchan < 1 || nsblk < 1 || !(tbinSec > 0)) {
        throw new IllegalArgumentException(
            "need nchan >= 1, nsblk >= 1, tbin > 0: " + nchan + ", " + nsblk + ", " + tbinSec);
      }
      if (npol != 1 && npol != 2 && npol != 4) {
        throw new IllegalArgumentException("npol must be 1, 2 or 4: " + npol);
      }
      if (nbits != 4 && nbits != 8) {
        throw new IllegalArgumentException("nbits must be 4 or 8: " + nbits);
      }
      if (nbits == 4 && (nchan * npol) % 2 != 0) {
        throw new IllegalArgumentException("4-bit data need an even nchan x npol");
      }
    }

    /** Samples per row: {@code nsblk x npol x nchan}. */
    public int samplesPerRow() {
      return nsblk * npol * nchan;
    }
  }

  /**
   * One SUBINT row.
   *
   * @param tsubintSec TSUBINT, row length, s
   * @param offsSubSec OFFS_SUB, row centre from the start, s
   * @param datFreqMHz DAT_FREQ, channel centres, MHz (nchan)
   * @param datWts DAT_WTS (nchan)
   * @param datOffs DAT_OFFS (nchan x npol, or nchan)
   * @param datScl DAT_SCL (nchan x npol, or nchan)
   * @param samples raw unsigned samples {@code [t][pol][chan]} flattened, {@code & 0xff} to read
   */
  public record Row(
      double tsubintSec,
      double offsSubSec,
      double[] datFreqMHz,
      float[] datWts,
      float[] datOffs,
      float[] datScl,
      byte[] samples) {
    void check(Format f, int r) {
      if (datFreqMHz.length != f.nchan() || datWts.length != f.nchan()) {
        throw new IllegalArgumentException("row " + r + ": DAT_FREQ/DAT_WTS need nchan values");
      }
      int np = f.nchan() * f.npol();
      if ((datOffs.length != np && datOffs.length != f.nchan())
          || datScl.length != datOffs.length) {
        throw new IllegalArgumentException(
            "row " + r + ": DAT_OFFS/DAT_SCL need nchan x npol (or nchan) values");
      }
      if (samples.length != f.samplesPerRow()) {
        throw new IllegalArgumentException(
            "row " + r + ": " + samples.length + " samples, expected " + f.samplesPerRow());
      }
      int max = (1 << f.nbits()) - 1;
      if (f.nbits() < 8) {
        for (byte b : samples) {
          if ((b & 0xff) > max) {
            throw new IllegalArgumentException("row " + r + ": sample above " + max);
          }
        }
      }
    }
  }

  /**
   * Quantises a total-intensity dynamic spectrum into a search-mode file with NPOL 1 ("AA+BB"): per
   * row and channel, {@code DAT_OFFS} is the minimum and {@code DAT_SCL} the range divided by
   * {@code 2^nbits - 1}, so every sample is reproduced within half a scale step. A last partial row
   * is padded by repeating the last spectrum. O(samples).
   *
   * @param primary the primary-header values
   * @param intensity {@code intensity[c][t]}, channel-major
   * @param freqsMHz channel centres, MHz (equally spaced: CHAN_BW is {@code f[1] - f[0]})
   * @param tbinSec sampling time, s
   * @param nsblk spectra per row
   * @param nbits 4 or 8
   */
  public static PsrfitsSearch quantise(
      Primary primary,
      float[][] intensity,
      double[] freqsMHz,
      double tbinSec,
      int nsblk,
      int nbits) {
    int nc = intensity.length;
    int nt = intensity[0].length;
    double chanBw = nc > 1 ? freqsMHz[1] - freqsMHz[0] : 1.0;
    Format f = new Format(nc, 1, nsblk, nbits, tbinSec, chanBw, "AA+BB");
    int nRows = (nt + nsblk - 1) / nsblk;
    int maxRaw = (1 << nbits) - 1;
    List<Row> rows = new java.util.ArrayList<>(nRows);
    for (int r = 0; r < nRows; r++) {
      float[] offs = new float[nc];
      float[] scl = new float[nc];
      float[] wts = new float[nc];
      byte[] raw = new byte[nsblk * nc];
      for (int c = 0; c < nc; c++) {
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (int t = 0; t < nsblk; t++) {
          float v = intensity[c][Math.min(nt - 1, r * nsblk + t)];
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
        offs[c] = lo;
        scl[c] = hi > lo ? (hi - lo) / maxRaw : 1f;
        wts[c] = 1f;
        for (int t = 0; t < nsblk; t++) {
          float v = intensity[c][Math.min(nt - 1, r * nsblk + t)];
          int q = Math.round((v - lo) / scl[c]);
          raw[t * nc + c] = (byte) Math.max(0, Math.min(maxRaw, q));
        }
      }
      rows.add(
          new Row(
              nsblk * tbinSec, (r + 0.5) * nsblk * tbinSec, freqsMHz.clone(), wts, offs, scl, raw));
    }
    return new PsrfitsSearch(primary, f, rows);
  }

  /** Total number of spectra. */
  public int nSamples() {
    return rows.size() * format.nsblk();
  }

  /**
   * Total intensity, channel-major: {@code out[c][t]}, scaled, offset and weighted. I is pol 0 for
   * npol 1 or IQUV, AA + BB for AABB and AABBCRCI. O(samples).
   */
  public float[][] totalIntensity() {
    Format f = format;
    int nc = f.nchan();
    boolean sumTwo = f.npol() == 2 || (f.npol() == 4 && !f.polType().trim().equals("IQUV"));
    float[][] out = new float[nc][nSamples()];
    for (int r = 0; r < rows.size(); r++) {
      Row row = rows.get(r);
      boolean perPol = row.datScl().length == nc * f.npol();
      for (int t = 0; t < f.nsblk(); t++) {
        int tt = r * f.nsblk() + t;
        for (int p = 0; p < (sumTwo ? 2 : 1); p++) {
          int base = (t * f.npol() + p) * nc;
          for (int c = 0; c < nc; c++) {
            int k = perPol ? p * nc + c : c;
            float v = (row.samples()[base + c] & 0xff) * row.datScl()[k] + row.datOffs()[k];
            out[c][tt] += v * row.datWts()[c];
          }
        }
      }
    }
    return out;
  }

  /** Channel centres of the first row, MHz. */
  public double[] channelFrequenciesMHz() {
    return rows.get(0).datFreqMHz().clone();
  }
}
