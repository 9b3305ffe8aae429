package org.radiospark.kernels.pulsar;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Sifts periodicity candidates from all DM trials, as PRESTO's ACCEL_sift.py: drops weak ones,
 * merges the same frequency found at several DMs (keeping the strongest and counting the DM hits),
 * drops those seen at too few DMs or peaking at too low a DM, and drops harmonically related
 * frequencies ({@code f1 / f2 = n / m}) of a stronger candidate. O(candidates x kept).
 */
public final class CandidateSifter {
  private CandidateSifter() {}

  /** The sifted candidates, strongest first. */
  public static List<Candidate> sift(List<Candidate> all, SiftParams p) {
    List<Candidate> sorted = new ArrayList<>();
    for (Candidate c : all) {
      if (c.sigma() >= p.sigma()) {
        sorted.add(c);
      }
    }
    sorted.sort(Comparator.comparingDouble(Candidate::sigma).reversed());
    List<Candidate> groups = new ArrayList<>();
    List<java.util.Set<Double>> dms = new ArrayList<>();
    for (Candidate c : sorted) {
      int g = -1;
      for (int i = 0; i < groups.size(); i++) {
        if (Math.abs(groups.get(i).freqHz() - c.freqHz()) < p.freqTolHz()) {
          g = i;
          break;
        }
      }
      if (g < 0) {
        groups.add(c);
        java.util.Set<Double> s = new java.util.HashSet<>();
        s.add(c.dm());
        dms.add(s);
      } else {
        dms.get(g).add(c.dm());
      }
    }
    List<Candidate> kept = new ArrayList<>();
    for (int i = 0; i < groups.size(); i++) {
      Candidate c = groups.get(i).withDmHits(dms.get(i).size());
      if (c.dmHits() < p.minDmHits() || c.dm() < p.lowDmCutoff()) {
        continue;
      }
      if (isHarmonicOfStronger(c, kept, p)) {
        continue;
      }
      kept.add(c);
    }
    return kept;
  }

  private static boolean isHarmonicOfStronger(Candidate c, List<Candidate> stronger, SiftParams p) {
    for (Candidate s : stronger) {
      for (int n = 1; n <= p.maxHarmonic(); n++) {
        for (int m = 1; m <= p.maxHarmonic(); m++) {
          if (n == m && n > 1) {
            continue;
          }
          // c = s * n / m, with the tolerance scaled by the harmonic number involved
          if (Math.abs(c.freqHz() * m - s.freqHz() * n) < p.freqTolHz() * Math.max(n, m)) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
