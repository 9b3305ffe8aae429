package org.radiospark.kernels.simulation.vcs;

import java.io.Serializable;
import org.radiospark.kernels.pulsar.Dispersion;

/**
 * A simulated periodic, dispersed, unpolarised pulsar.
 *
 * <p>Its emission is amplitude-modulated complex Gaussian noise (the standard model of pulsar radio
 * emission, Rickett 1975): at time {@code t} and frequency {@code nu} the voltage power per
 * polarisation is {@code snrPerTile x P(phase)} times a tile's noise power, with a Gaussian pulse
 * {@code P} of full width at half maximum {@code fwhmSec} peaking at phase 0. The pulse arrives at
 * frequency {@code nu} {@code K DM / nu_MHz^2} seconds after its infinite-frequency time ({@code K
 * = } {@link Dispersion#K_DM_SEC}); phase 0 at infinite frequency falls at {@code epochSec} after
 * the start of the observation and every period after it.
 *
 * @param raDeg J2000 right ascension, degrees
 * @param decDeg J2000 declination, degrees
 * @param periodSec period, s
 * @param dmPcCm3 dispersion measure, pc cm^-3
 * @param fwhmSec pulse width, s
 * @param snrPerTile peak pulsar power over noise power in one tile's polarisation
 * @param epochSec first pulse at infinite frequency, s after the start
 */
public record PulsarSignal(
    double raDeg,
    double decDeg,
    double periodSec,
    double dmPcCm3,
    double fwhmSec,
    double snrPerTile,
    double epochSec)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Validates the values. */
  public PulsarSignal {
    if (!(periodSec > 0) || !(dmPcCm3 >= 0) || !(fwhmSec > 0) || !(fwhmSec < periodSec)) {
      throw new IllegalArgumentException(
          "need period > 0, DM >= 0, 0 < width < period: "
              + periodSec
              + ", "
              + dmPcCm3
              + ", "
              + fwhmSec);
    }
    if (!(snrPerTile >= 0) || !(decDeg >= -90 && decDeg <= 90)) {
      throw new IllegalArgumentException("need snrPerTile >= 0 and Dec in [-90, 90]");
    }
  }

  /** Dispersion delay at {@code freqHz} relative to infinite frequency, s. */
  public double dispersionDelaySec(double freqHz) {
    double f = freqHz * 1e-6;
    return Dispersion.K_DM_SEC * dmPcCm3 / (f * f);
  }

  /** The pulse's relative power (peak 1) at time {@code tSec} from the start, at {@code freqHz}. */
  public double profile(double tSec, double freqHz) {
    double phase = (tSec - epochSec - dispersionDelaySec(freqHz)) / periodSec;
    double d = phase - Math.rint(phase);
    double sigma = fwhmSec / periodSec / (2 * Math.sqrt(2 * Math.log(2)));
    return Math.exp(-0.5 * d * d / (sigma * sigma));
  }
}
