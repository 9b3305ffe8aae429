package org.radiospark.kernels.io.sigproc;

/**
 * A SIGPROC filterbank in memory: the header and every sample as a float.
 *
 * <p>Layout: {@code data[(t * nIfs + i) * nChans + c]} for sample {@code t}, IF {@code i}, channel
 * {@code c} (time-major, channel fastest, as on disk). Samples of 1-, 2-, 4- and 8-bit files are
 * the unsigned integers stored (0 .. 2^nbits - 1); 32-bit files hold IEEE floats. Arrays are
 * shared, not copied: treat them as read-only.
 *
 * @param header the header (its {@code nchans}, {@code nifs} and {@code nbits} describe {@code
 *     data})
 * @param data samples, length {@code nSamples * nIfs * nChans}
 */
public record Filterbank(SigprocHeader header, float[] data) {
  /** Checks that the data length is a whole number of spectra. */
  public Filterbank {
    int per = header.nChans() * header.nIfs();
    if (per <= 0 || data.length % per != 0) {
      throw new IllegalArgumentException(
          "data length " + data.length + " is not a multiple of nchans*nifs " + per);
    }
  }

  /** Number of time samples. */
  public int nSamples() {
    return data.length / (header.nChans() * header.nIfs());
  }

  /** Number of channels. */
  public int nChans() {
    return header.nChans();
  }

  /** Number of IFs. */
  public int nIfs() {
    return header.nIfs();
  }

  /**
   * The channel-major total-intensity dynamic spectrum {@code out[c][t]}. SIGPROC does not say what
   * its IFs are: one IF is taken as it is, two are summed (AA + BB), and of four (usually Stokes
   * IQUV with I first) only the first is used. O(nSamples nChans).
   */
  public float[][] channelMajor() {
    int nc = nChans();
    int ni = nIfs();
    int used = ni == 2 ? 2 : 1;
    int nt = nSamples();
    float[][] out = new float[nc][nt];
    for (int t = 0; t < nt; t++) {
      for (int i = 0; i < used; i++) {
        int base = (t * ni + i) * nc;
        for (int c = 0; c < nc; c++) {
          out[c][t] += data[base + c];
        }
      }
    }
    return out;
  }
}
