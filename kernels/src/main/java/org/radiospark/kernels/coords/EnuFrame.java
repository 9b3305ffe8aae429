package org.radiospark.kernels.coords;

import java.util.Objects;

/**
 * The local East-North-Up tangent frame at a site on the WGS84 ellipsoid.
 *
 * <p>Axes: E = (-sin lon, cos lon, 0), N = (-sin lat cos lon, -sin lat sin lon, cos lat), U = (cos
 * lat cos lon, cos lat sin lon, sin lat) in ITRF, with geodetic latitude (U is the ellipsoid
 * normal). Positions are converted relative to the site's own ITRF position; offsets (differences
 * of positions, e.g. baselines) are only rotated. Immutable and thread-safe; every call is O(1).
 */
public final class EnuFrame {
  private final GeodeticPosition site;
  private final double[] origin;
  // Rows: E, N, U unit vectors expressed in ITRF.
  private final double[][] rows;

  /** The ENU frame at {@code site} (origin at the site's own position, height included). */
  public EnuFrame(GeodeticPosition site) {
    this.site = Objects.requireNonNull(site, "site");
    this.origin = site.toItrf();
    double sl = Math.sin(site.lonRad());
    double cl = Math.cos(site.lonRad());
    double sp = Math.sin(site.latRad());
    double cp = Math.cos(site.latRad());
    this.rows =
        new double[][] {
          {-sl, cl, 0}, {-sp * cl, -sp * sl, cp}, {cp * cl, cp * sl, sp},
        };
  }

  /** The site at the origin of the frame. */
  public GeodeticPosition site() {
    return site;
  }

  /** The site's own ITRF position {x, y, z}, metres (a copy). */
  public double[] originItrf() {
    return origin.clone();
  }

  /** ITRF position (metres) to {east, north, up} metres relative to the site. */
  public double[] itrfToEnu(double[] xyz) {
    return rotateToEnu(xyz[0] - origin[0], xyz[1] - origin[1], xyz[2] - origin[2]);
  }

  /** {east, north, up} metres relative to the site to an ITRF position, metres. */
  public double[] enuToItrf(double[] enu) {
    double[] d = rotateToItrf(enu[0], enu[1], enu[2]);
    return new double[] {origin[0] + d[0], origin[1] + d[1], origin[2] + d[2]};
  }

  /** Rotates an ITRF offset (dx, dy, dz) into the ENU axes. */
  public double[] rotateToEnu(double dx, double dy, double dz) {
    double[] r = new double[3];
    for (int i = 0; i < 3; i++) {
      r[i] = rows[i][0] * dx + rows[i][1] * dy + rows[i][2] * dz;
    }
    return r;
  }

  /** Rotates an ENU offset (e, n, u) into the ITRF axes (the transpose of {@link #rotateToEnu}). */
  public double[] rotateToItrf(double e, double n, double u) {
    double[] r = new double[3];
    for (int j = 0; j < 3; j++) {
      r[j] = rows[0][j] * e + rows[1][j] * n + rows[2][j] * u;
    }
    return r;
  }
}
