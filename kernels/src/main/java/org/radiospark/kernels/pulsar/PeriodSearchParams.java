package org.radiospark.kernels.pulsar;

/**
 * Parameters of the FFT periodicity search (names as PRESTO accelsearch's options).
 *
 * @param numHarm most harmonics summed: 1, 2, 4, 8 or 16 ({@code -numharm})
 * @param sigma candidates below this trials-corrected Gaussian sigma are dropped ({@code -sigma})
 * @param minFreqHz lowest fundamental searched, Hz ({@code -flo}; red noise dominates below)
 * @param maxFreqHz highest fundamental searched, Hz ({@code -fhi}; Nyquist if larger)
 * @param maxCandidates most candidates kept per time series ({@code -ncands})
 */
public record PeriodSearchParams(
    int numHarm, double sigma, double minFreqHz, double maxFreqHz, int maxCandidates)
    implements java.io.Serializable {
  /** Validates the values. */
  public PeriodSearchParams {
    if (numHarm != 1 && numHarm != 2 && numHarm != 4 && numHarm != 8 && numHarm != 16) {
      throw new IllegalArgumentException("numHarm must be 1, 2, 4, 8 or 16: " + numHarm);
    }
    if (!(minFreqHz >= 0) || !(maxFreqHz > minFreqHz) || maxCandidates < 1) {
      throw new IllegalArgumentException(
          "need 0 <= minFreq < maxFreq and maxCandidates >= 1: "
              + minFreqHz
              + ", "
              + maxFreqHz
              + ", "
              + maxCandidates);
    }
  }

  /** accelsearch's defaults: 8 harmonics, sigma 2, 1 Hz to 10 kHz, 200 candidates. */
  public static PeriodSearchParams defaults() {
    return new PeriodSearchParams(8, 2.0, 1.0, 10000.0, 200);
  }
}
