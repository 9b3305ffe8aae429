package org.radiospark.kernels.pulsar;

/**
 * Parameters of the single-pulse search (PRESTO single_pulse_search.py).
 *
 * @param threshold S/N threshold ({@code -t}, 5)
 * @param maxWidthSamples widest boxcar, samples ({@code -m}; widths 1, 2, 3, 4, 6, 9, 14, 20, 30,
 *     45, 70, 100, 150, ... up to this)
 * @param detrendLen samples per detrending block ({@code -d}, 1000)
 * @param maxEventsPerSeries most events kept per series (strongest first)
 */
public record SinglePulseParams(
    double threshold, int maxWidthSamples, int detrendLen, int maxEventsPerSeries)
    implements java.io.Serializable {
  /** Validates the values. */
  public SinglePulseParams {
    if (!(threshold > 0) || maxWidthSamples < 1 || detrendLen < 10 || maxEventsPerSeries < 1) {
      throw new IllegalArgumentException(
          "need threshold > 0, maxWidth >= 1, detrendLen >= 10, maxEvents >= 1");
    }
  }

  /** single_pulse_search.py's defaults with widths up to 150 samples. */
  public static SinglePulseParams defaults() {
    return new SinglePulseParams(5.0, 150, 1000, 1000);
  }
}
