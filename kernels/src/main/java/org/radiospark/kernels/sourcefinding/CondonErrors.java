package org.radiospark.kernels.sourcefinding;

/**
 * Parameter errors of an elliptical Gaussian fitted in correlated noise, Condon (1997, PASP 109,
 * 166): with {@code rho^2 = (a b / (4 theta_N^2)) (1 + theta_N^2 / a^2)^alphaM (1 + theta_N^2 /
 * b^2)^alpham (A / rms)^2} (eq. 41) and the exponents (3/2, 3/2) for the peak, (5/2, 1/2) for the
 * major axis and the centre along it, (1/2, 5/2) for the minor axis, the centre along it and the
 * position angle: {@code dA/A = sqrt(2)/rho}, {@code da/a = sqrt(2)/rho}, {@code dx0 = da / sqrt(8
 * ln 2)} (eq. 21), {@code dpa = sqrt(4)/rho a b / (a^2 - b^2)}, and for the integrated flux {@code
 * (dI/I)^2 = (dA/A)^2 + theta_N^2 / (a b) ((da/a)^2 + (db/b)^2)} (eq. 42). The noise correlation
 * length theta_N is the geometric mean of the beam axes. The centre errors along the axes are
 * projected onto RA and Dec with the position angle (as Aegean does).
 */
final class CondonErrors {
  private CondonErrors() {}

  static ComponentErrors of(
      double peak,
      double intFlux,
      double rms,
      double a,
      double b,
      double theta,
      SourceFinder.BeamPixels bp,
      double cellDeg) {
    double thetaN = Math.sqrt(bp.major() * bp.minor());
    double snr2 = (peak / rms) * (peak / rms);
    double base = a * b / (4 * thetaN * thetaN) * snr2;
    double fa = 1 + thetaN * thetaN / (a * a);
    double fb = 1 + thetaN * thetaN / (b * b);
    double rhoAmp2 = base * Math.pow(fa, 1.5) * Math.pow(fb, 1.5);
    double rhoMaj2 = base * Math.pow(fa, 2.5) * Math.pow(fb, 0.5);
    double rhoMin2 = base * Math.pow(fa, 0.5) * Math.pow(fb, 2.5);
    double errPeak = peak * Math.sqrt(2 / rhoAmp2);
    double errA = a * Math.sqrt(2 / rhoMaj2);
    double errB = b * Math.sqrt(2 / rhoMin2);
    double sx = errA / Math.sqrt(8 * Math.log(2));
    double sy = errB / Math.sqrt(8 * Math.log(2));
    double s = Math.sin(theta);
    double c = Math.cos(theta);
    double errRa = Math.sqrt(sx * sx * s * s + sy * sy * c * c) * cellDeg;
    double errDec = Math.sqrt(sx * sx * c * c + sy * sy * s * s) * cellDeg;
    double errPa =
        Math.abs(2 * (a - b) / (a + b)) < 0.01
            ? -1
            : Math.toDegrees(Math.sqrt(4 / rhoMin2) * a * b / (a * a - b * b));
    double rel2 =
        (errPeak / peak) * (errPeak / peak)
            + thetaN * thetaN / (a * b) * ((errA / a) * (errA / a) + (errB / b) * (errB / b));
    double errInt = Math.abs(intFlux) * Math.sqrt(rel2);
    return new ComponentErrors(
        errRa, errDec, errPeak, errInt, errA * cellDeg * 3600, errB * cellDeg * 3600, errPa);
  }
}
