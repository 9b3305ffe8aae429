package org.radiospark.kernels.model;

import java.util.Objects;

/**
 * The antennas (dishes, stations or tiles) of an array.
 *
 * <p>Positions are geocentric ITRF (Earth-centred, Earth-fixed) in metres: {@code x} toward the
 * Greenwich meridian on the equator, {@code z} toward the north pole. Arrays are indexed by the
 * 0-based antenna index used in {@link VisibilityBlock#antenna1()}.
 */
public final class AntennaConfiguration {
  private final String telescope;
  private final String[] names;
  private final double[] xMetres;
  private final double[] yMetres;
  private final double[] zMetres;
  private final double[] diameterMetres;
  private final boolean[] flagged;

  public AntennaConfiguration(
      String telescope,
      String[] names,
      double[] xMetres,
      double[] yMetres,
      double[] zMetres,
      double[] diameterMetres,
      boolean[] flagged) {
    this.telescope = Objects.requireNonNull(telescope, "telescope");
    this.names = Objects.requireNonNull(names, "names");
    int n = names.length;
    this.xMetres = check(xMetres, n, "xMetres");
    this.yMetres = check(yMetres, n, "yMetres");
    this.zMetres = check(zMetres, n, "zMetres");
    this.diameterMetres = check(diameterMetres, n, "diameterMetres");
    this.flagged = Objects.requireNonNull(flagged, "flagged");
    if (flagged.length != n) {
      throw new IllegalArgumentException(
          "flagged has length " + flagged.length + ", expected " + n);
    }
  }

  private static double[] check(double[] a, int n, String name) {
    Objects.requireNonNull(a, name);
    if (a.length != n) {
      throw new IllegalArgumentException(name + " has length " + a.length + ", expected " + n);
    }
    for (double v : a) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException(name + " holds a non-finite value");
      }
    }
    return a;
  }

  public String telescope() {
    return telescope;
  }

  public int nAntennas() {
    return names.length;
  }

  public String[] names() {
    return names;
  }

  public double[] xMetres() {
    return xMetres;
  }

  public double[] yMetres() {
    return yMetres;
  }

  public double[] zMetres() {
    return zMetres;
  }

  public double[] diameterMetres() {
    return diameterMetres;
  }

  /** Antennas known to be bad (MWA metafits flags, all-zero tiles). */
  public boolean[] flagged() {
    return flagged;
  }

  /** The antennas at {@code indices}, in that order (a sub-array). */
  public AntennaConfiguration select(int[] indices) {
    int n = indices.length;
    String[] nm = new String[n];
    double[] x = new double[n];
    double[] y = new double[n];
    double[] z = new double[n];
    double[] d = new double[n];
    boolean[] f = new boolean[n];
    for (int k = 0; k < n; k++) {
      int i = indices[k];
      nm[k] = names[i];
      x[k] = xMetres[i];
      y[k] = yMetres[i];
      z[k] = zMetres[i];
      d[k] = diameterMetres[i];
      f[k] = flagged[i];
    }
    return new AntennaConfiguration(telescope, nm, x, y, z, d, f);
  }

  /**
   * The {@code n} antennas nearest the {@link #centroidMetres centroid} (a compact core of the
   * array), in their original order. O(N log N).
   *
   * @throws IllegalArgumentException unless {@code 1 <= n <= nAntennas()}
   */
  public AntennaConfiguration nearestToCentroid(int n) {
    if (n < 1 || n > nAntennas()) {
      throw new IllegalArgumentException(n + " of " + nAntennas() + " antennas");
    }
    double[] c = centroidMetres();
    int[] idx =
        java.util.stream.IntStream.range(0, nAntennas())
            .boxed()
            .sorted(
                java.util.Comparator.comparingDouble(
                    i ->
                        Math.pow(xMetres[i] - c[0], 2)
                            + Math.pow(yMetres[i] - c[1], 2)
                            + Math.pow(zMetres[i] - c[2], 2)))
            .limit(n)
            .mapToInt(Integer::intValue)
            .sorted()
            .toArray();
    return select(idx);
  }

  /** The mean position, a convenient array reference point: {x, y, z} metres ITRF. */
  public double[] centroidMetres() {
    double x = 0, y = 0, z = 0;
    int n = nAntennas();
    for (int i = 0; i < n; i++) {
      x += xMetres[i];
      y += yMetres[i];
      z += zMetres[i];
    }
    return new double[] {x / n, y / n, z / n};
  }
}
