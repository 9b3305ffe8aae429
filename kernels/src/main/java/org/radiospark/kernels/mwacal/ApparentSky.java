package org.radiospark.kernels.mwacal;

import java.util.ArrayList;
import java.util.List;
import org.radiospark.kernels.beam.LocalDirection;
import org.radiospark.kernels.beam.MwaAnalyticBeam;
import org.radiospark.kernels.coords.GeodeticPosition;
import org.radiospark.kernels.model.SkyComponent;
import org.radiospark.kernels.skymodel.CatalogueComponent;

/**
 * The apparent sky at one frequency and time: catalogue components with their spectra evaluated at
 * that frequency and their brightness seen through the tile beam, {@code A = J B J^H}, where {@code
 * B = [[I+Q, U+iV], [U-iV, I-Q]]} is the coherency in the IAU basis (north, east) and {@code J} the
 * beam Jones matrix toward the component ({@link MwaAnalyticBeam#jones(LocalDirection, double,
 * double[])}). Every tile is taken to have the same beam, so the visibility of baseline (p, q) is
 * {@code A} times the fringe, and {@code A} (Hermitian) is returned as the real pseudo-Stokes
 * {@code I' = (A_XX + A_YY)/2}, {@code Q' = (A_XX - A_YY)/2}, {@code U' = Re A_XY}, {@code V' = Im
 * A_XY}, which the predictors turn back into {@code XX = I' + Q'}, {@code XY = U' + iV'}, ...
 * exactly.
 *
 * <p>The beam is evaluated at the component's centre (also for Gaussians). Components at or below
 * the horizon are dropped. Cost O(components) beam evaluations.
 */
public final class ApparentSky {
  private ApparentSky() {}

  /**
   * The apparent components at {@code freqHz} and UTC {@code utcMjdSec}.
   *
   * @param beam tile beam, or null for the true (unattenuated) sky
   * @param site array centre (for az/el)
   * @return components whose {@code fluxJy} are the pseudo-Stokes of the apparent coherency, with
   *     reference frequency {@code freqHz} and spectral index 0
   */
  public static List<SkyComponent> at(
      List<CatalogueComponent> sky,
      MwaAnalyticBeam beam,
      double utcMjdSec,
      GeodeticPosition site,
      double freqHz) {
    List<SkyComponent> out = new ArrayList<>(sky.size());
    double[] j = new double[8];
    for (CatalogueComponent c : sky) {
      SkyComponent s = c.at(freqHz);
      if (beam == null) {
        out.add(s);
        continue;
      }
      LocalDirection d = LocalDirection.of(c.raRad(), c.decRad(), utcMjdSec, site, 0);
      if (d.elRad() <= 0) {
        continue;
      }
      beam.jones(d, freqHz, j);
      out.add(
          new SkyComponent(
              s.raRad(),
              s.decRad(),
              apparentStokes(s.fluxJy(), j),
              freqHz,
              0,
              s.majorRad(),
              s.minorRad(),
              s.paRad()));
    }
    return out;
  }

  /**
   * Pseudo-Stokes {I', Q', U', V'} of {@code J B J^H} for true Stokes {@code iquv} and Jones {@code
   * j} (8 doubles, row-major re/im).
   */
  public static double[] apparentStokes(double[] iquv, double[] j) {
    // B row-major: b00 = I+Q, b01 = U+iV, b10 = U-iV, b11 = I-Q.
    double[] b = {iquv[0] + iquv[1], 0, iquv[2], iquv[3], iquv[2], -iquv[3], iquv[0] - iquv[1], 0};
    double[] jb = mul(j, b);
    double[] jh = {j[0], -j[1], j[4], -j[5], j[2], -j[3], j[6], -j[7]};
    double[] a = mul(jb, jh);
    return new double[] {0.5 * (a[0] + a[6]), 0.5 * (a[0] - a[6]), a[2], a[3]};
  }

  private static double[] mul(double[] x, double[] y) {
    double[] r = new double[8];
    for (int i = 0; i < 2; i++) {
      for (int k = 0; k < 2; k++) {
        double re = 0;
        double im = 0;
        for (int m = 0; m < 2; m++) {
          int a = 2 * (2 * i + m);
          int b = 2 * (2 * m + k);
          re += x[a] * y[b] - x[a + 1] * y[b + 1];
          im += x[a] * y[b + 1] + x[a + 1] * y[b];
        }
        r[2 * (2 * i + k)] = re;
        r[2 * (2 * i + k) + 1] = im;
      }
    }
    return r;
  }
}
