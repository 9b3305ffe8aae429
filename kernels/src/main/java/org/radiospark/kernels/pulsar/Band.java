package org.radiospark.kernels.pulsar;

/**
 * What a DM plan needs to know of the data.
 *
 * @param lowestFreqMHz centre of the lowest channel, MHz
 * @param highestFreqMHz centre of the highest channel (the dedispersion reference), MHz
 * @param nChans number of channels
 * @param chanWidthMHz channel width, MHz (positive)
 * @param tsampSec sampling time, seconds
 */
public record Band(
    double lowestFreqMHz, double highestFreqMHz, int nChans, double chanWidthMHz, double tsampSec)
    implements java.io.Serializable {
  /** Validates the values. */
  public Band {
    if (!(lowestFreqMHz > 0) || highestFreqMHz < lowestFreqMHz) {
      throw new IllegalArgumentException(
          "need 0 < lowest <= highest frequency: " + lowestFreqMHz + ", " + highestFreqMHz);
    }
    if (nChans < 1 || !(chanWidthMHz > 0) || !(tsampSec > 0)) {
      throw new IllegalArgumentException(
          "need nChans >= 1, chanWidth > 0, tsamp > 0: "
              + nChans
              + ", "
              + chanWidthMHz
              + ", "
              + tsampSec);
    }
  }

  /** The band of a dynamic spectrum. */
  public static Band of(DynamicSpectrum s) {
    return new Band(s.minFreqMHz(), s.maxFreqMHz(), s.nChans(), s.channelWidthMHz(), s.tsampSec());
  }

  /**
   * Delay, seconds, between the lowest channel and the reference per unit DM: {@code K (f_lo^-2 -
   * f_hi^-2)}.
   */
  double delayPerDmSec() {
    return Dispersion.delaySec(1.0, lowestFreqMHz, highestFreqMHz);
  }

  /** Smearing inside the lowest (worst) channel per unit DM, seconds. */
  double channelSmearingPerDmSec() {
    double lo = lowestFreqMHz - chanWidthMHz / 2;
    double hi = lowestFreqMHz + chanWidthMHz / 2;
    return Dispersion.delaySec(1.0, Math.max(lo, 1e-3), hi);
  }

  /** Delay across the lowest of {@code numSub} subbands per unit DM, seconds. */
  double subbandDelayPerDmSec(int numSub) {
    int perSub = (nChans + numSub - 1) / numSub;
    double top = Math.min(highestFreqMHz, lowestFreqMHz + (perSub - 1) * chanWidthMHz);
    return Dispersion.delaySec(1.0, lowestFreqMHz, top);
  }
}
