package org.radiospark.kernels.simulation;

import org.radiospark.kernels.coords.SiderealTime;

/** When to observe: start times that centre an observation on the transit of its field. */
public final class ObservationTiming {
  /** Sidereal days per solar day (IERS): the rate of the hour angle against UTC. */
  private static final double SIDEREAL_RATE = 1.002737909350795;

  private ObservationTiming() {}

  /**
   * The first UTC instant at or after {@code afterUtcMjdSec} when the direction {@code raRad} (of
   * date, to the accuracy of apparent sidereal time) transits the meridian at longitude {@code
   * lonRad}.
   *
   * <p>Two Newton steps on the hour angle, which changes at the sidereal rate; the result is within
   * a millisecond of transit.
   *
   * @return UTC MJD seconds
   */
  public static double transitUtcMjdSec(double raRad, double lonRad, double afterUtcMjdSec) {
    double t = afterUtcMjdSec;
    for (int i = 0; i < 3; i++) {
      double ha = SiderealTime.hourAngleRad(SiderealTime.lastRad(t, 0, lonRad), raRad);
      double wrapped = Math.IEEEremainder(ha, 2 * Math.PI);
      double dt = -wrapped / (2 * Math.PI) * 86400.0 / SIDEREAL_RATE;
      if (i == 0 && dt < 0) {
        dt += 86400.0 / SIDEREAL_RATE;
      }
      t += dt;
    }
    return t;
  }

  /**
   * The start of an observation of {@code nTimes} integrations of {@code integrationSec} that is
   * centred on the first transit after {@code afterUtcMjdSec}.
   */
  public static double transitCentredStart(
      double raRad, double lonRad, double afterUtcMjdSec, int nTimes, double integrationSec) {
    double half = 0.5 * nTimes * integrationSec;
    return transitUtcMjdSec(raRad, lonRad, afterUtcMjdSec + half) - half;
  }
}
