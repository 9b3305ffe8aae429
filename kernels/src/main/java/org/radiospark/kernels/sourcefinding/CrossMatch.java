package org.radiospark.kernels.sourcefinding;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * One-to-one positional cross-match of measured components with a reference catalogue: every pair
 * closer than the radius is a candidate; candidates are taken in order of increasing separation and
 * a pair is kept only when neither side is already matched (so each component and each reference
 * source appears at most once, and a kept pair is the nearest available for both). References are
 * sorted by declination so only a declination band is searched: O((N + M) log M + candidates).
 */
public final class CrossMatch {
  private CrossMatch() {}

  /**
   * A matched pair.
   *
   * @param component the measured component
   * @param reference the reference source
   * @param separationDeg great-circle separation, degrees
   */
  public record Match(SourceComponent component, ReferenceSource reference, double separationDeg) {}

  /** The unique nearest pairs within {@code radiusDeg}, ordered by component index. */
  public static List<Match> match(
      List<SourceComponent> comps, List<ReferenceSource> refs, double radiusDeg) {
    if (!(radiusDeg > 0) || radiusDeg > 90) {
      throw new IllegalArgumentException("match radius must be in (0, 90] deg: " + radiusDeg);
    }
    Integer[] byDec = new Integer[refs.size()];
    double[] decs = new double[refs.size()];
    for (int i = 0; i < byDec.length; i++) {
      byDec[i] = i;
    }
    Arrays.sort(byDec, Comparator.comparingDouble(i -> refs.get(i).decDeg()));
    for (int k = 0; k < byDec.length; k++) {
      decs[k] = refs.get(byDec[k]).decDeg();
    }
    List<double[]> cands = new ArrayList<>();
    for (int c = 0; c < comps.size(); c++) {
      SourceComponent sc = comps.get(c);
      int lo = lowerBound(decs, sc.decDeg() - radiusDeg);
      for (int k = lo; k < decs.length && decs[k] <= sc.decDeg() + radiusDeg; k++) {
        ReferenceSource r = refs.get(byDec[k]);
        double sep = separationDeg(sc.raDeg(), sc.decDeg(), r.raDeg(), r.decDeg());
        if (sep <= radiusDeg) {
          cands.add(new double[] {sep, c, byDec[k]});
        }
      }
    }
    cands.sort(Comparator.<double[]>comparingDouble(x -> x[0]).thenComparingDouble(x -> x[1]));
    boolean[] compUsed = new boolean[comps.size()];
    boolean[] refUsed = new boolean[refs.size()];
    Match[] byComp = new Match[comps.size()];
    for (double[] m : cands) {
      int c = (int) m[1];
      int r = (int) m[2];
      if (!compUsed[c] && !refUsed[r]) {
        compUsed[c] = true;
        refUsed[r] = true;
        byComp[c] = new Match(comps.get(c), refs.get(r), m[0]);
      }
    }
    List<Match> out = new ArrayList<>();
    for (Match m : byComp) {
      if (m != null) {
        out.add(m);
      }
    }
    return out;
  }

  /** Great-circle separation by the haversine formula (accurate at small angles), degrees. */
  public static double separationDeg(double ra1, double dec1, double ra2, double dec2) {
    double p1 = Math.toRadians(dec1);
    double p2 = Math.toRadians(dec2);
    double sdp = Math.sin(0.5 * (p2 - p1));
    double sdl = Math.sin(0.5 * Math.toRadians(ra2 - ra1));
    double h = sdp * sdp + Math.cos(p1) * Math.cos(p2) * sdl * sdl;
    return Math.toDegrees(2 * Math.asin(Math.min(1, Math.sqrt(h))));
  }

  private static int lowerBound(double[] a, double v) {
    int lo = 0;
    int hi = a.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] < v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
