package org.radiospark.kernels.simulation;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.radiospark.kernels.model.SkyComponent;

/**
 * A seeded random population of unpolarised point sources.
 *
 * <p>Positions are uniform on the sphere within the field radius: {@code cos(theta)} uniform in
 * [cos R, 1], azimuth uniform, placed about the centre through their direction cosines. Fluxes
 * follow {@code dN/dS ~ S^-gamma} between the limits, drawn by inverting the cumulative
 * distribution ({@code S = [Smin^(1-g) + x (Smax^(1-g) - Smin^(1-g))]^(1/(1-g))}, or the
 * log-uniform limit for {@code g = 1}). Spectral indices are Gaussian. O(count).
 */
public final class RandomSources {
  private RandomSources() {}

  /** {@code p.count()} sources, reproducible from {@code p.seed()}. */
  public static List<SkyComponent> generate(RandomSourceParameters p) {
    Random rnd = new Random(p.seed());
    List<SkyComponent> out = new ArrayList<>(p.count());
    double cosR = Math.cos(p.fieldRadiusRad());
    double e = 1 - p.countSlope();
    for (int i = 0; i < p.count(); i++) {
      double cosT = 1 - rnd.nextDouble() * (1 - cosR);
      double sinT = Math.sqrt(Math.max(0, 1 - cosT * cosT));
      double az = 2 * Math.PI * rnd.nextDouble();
      double x = rnd.nextDouble();
      double flux;
      if (Math.abs(e) < 1e-12) {
        flux = p.minFluxJy() * Math.pow(p.maxFluxJy() / p.minFluxJy(), x);
      } else {
        double lo = Math.pow(p.minFluxJy(), e);
        double hi = Math.pow(p.maxFluxJy(), e);
        flux = Math.pow(lo + x * (hi - lo), 1 / e);
      }
      double alpha = p.spectralIndexMean() + p.spectralIndexStd() * rnd.nextGaussian();
      // The point at angle theta from the centre toward azimuth az (east of north): (l, m, n) =
      // (sin t sin az, sin t cos az, cos t), valid on both hemispheres.
      double[] rd = direction(p, sinT, cosT, az);
      out.add(SkyComponent.point(rd[0], rd[1], flux, p.refFreqHz(), alpha));
    }
    return out;
  }

  private static double[] direction(RandomSourceParameters p, double sinT, double cosT, double az) {
    double ra0 = p.centre().raRad();
    double sd0 = Math.sin(p.centre().decRad());
    double cd0 = Math.cos(p.centre().decRad());
    double l = sinT * Math.sin(az);
    double m = sinT * Math.cos(az);
    double n = cosT;
    double x = -l * Math.sin(ra0) - m * sd0 * Math.cos(ra0) + n * cd0 * Math.cos(ra0);
    double y = l * Math.cos(ra0) - m * sd0 * Math.sin(ra0) + n * cd0 * Math.sin(ra0);
    double z = m * cd0 + n * sd0;
    double ra = Math.atan2(y, x);
    return new double[] {ra < 0 ? ra + 2 * Math.PI : ra, Math.atan2(z, Math.hypot(x, y))};
  }
}
