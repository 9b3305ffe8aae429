package org.radiospark.kernels.pulsar;

/**
 * Total intensity against time and frequency, channel-major so that dedispersion reads each channel
 * contiguously.
 *
 * @param channels {@code channels[c][t]}: channel {@code c}, sample {@code t}; every row the same
 *     length (shared, not copied: read-only)
 * @param freqsMHz centre frequency of each channel, MHz, any order
 * @param tsampSec sampling time, seconds
 */
public record DynamicSpectrum(float[][] channels, double[] freqsMHz, double tsampSec) {
  /** Validates shapes. */
  public DynamicSpectrum {
    if (channels.length == 0 || channels.length != freqsMHz.length) {
      throw new IllegalArgumentException(
          channels.length + " channel rows for " + freqsMHz.length + " frequencies");
    }
    for (float[] row : channels) {
      if (row.length != channels[0].length) {
        throw new IllegalArgumentException("channel rows differ in length");
      }
    }
    for (double f : freqsMHz) {
      if (!(f > 0)) {
        throw new IllegalArgumentException("frequencies must be > 0 MHz: " + f);
      }
    }
    if (!(tsampSec > 0)) {
      throw new IllegalArgumentException("tsampSec must be > 0: " + tsampSec);
    }
  }

  /** Number of channels. */
  public int nChans() {
    return channels.length;
  }

  /** Number of samples per channel. */
  public int nSamples() {
    return channels[0].length;
  }

  /** The highest channel frequency, MHz (the dedispersion reference). */
  public double maxFreqMHz() {
    double m = freqsMHz[0];
    for (double f : freqsMHz) {
      m = Math.max(m, f);
    }
    return m;
  }

  /** The lowest channel frequency, MHz. */
  public double minFreqMHz() {
    double m = freqsMHz[0];
    for (double f : freqsMHz) {
      m = Math.min(m, f);
    }
    return m;
  }

  /**
   * Channel width, MHz: the smallest spacing of adjacent channel centres (1 MHz if one channel).
   */
  public double channelWidthMHz() {
    if (freqsMHz.length < 2) {
      return 1.0;
    }
    double w = Double.MAX_VALUE;
    for (int c = 1; c < freqsMHz.length; c++) {
      w = Math.min(w, Math.abs(freqsMHz[c] - freqsMHz[c - 1]));
    }
    return w;
  }

  /**
   * Sums {@code factor} adjacent samples (the last partial block is dropped). O(nChans nSamples).
   */
  public DynamicSpectrum downsample(int factor) {
    if (factor < 1) {
      throw new IllegalArgumentException("factor must be >= 1: " + factor);
    }
    if (factor == 1) {
      return this;
    }
    int n = nSamples() / factor;
    float[][] out = new float[nChans()][n];
    for (int c = 0; c < out.length; c++) {
      float[] in = channels[c];
      float[] o = out[c];
      for (int t = 0; t < n; t++) {
        float s = 0;
        int base = t * factor;
        for (int k = 0; k < factor; k++) {
          s += in[base + k];
        }
        o[t] = s;
      }
    }
    return new DynamicSpectrum(out, freqsMHz, tsampSec * factor);
  }
}
