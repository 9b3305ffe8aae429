package org.radiospark.kernels.pulsar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CandidateSifterTest {
  @Test
  void mergesDmsDropsHarmonicsWeakAndLowDm() {
    List<Candidate> all = new ArrayList<>();
    double f0 = 4.0;
    for (int d = 0; d < 5; d++) {
      // the pulsar seen at 5 DMs, peaking at DM 30
      all.add(new Candidate(26 + 2 * d, f0 + 0.001 * d, 16, 100, 20 - Math.abs(d - 2), 1));
    }
    all.add(new Candidate(30, 2 * f0, 8, 50, 10, 1)); // second harmonic
    all.add(new Candidate(30, 2 * f0, 8, 50, 9, 1));
    all.add(new Candidate(30, f0 * 3 / 2, 8, 40, 8, 1)); // 3/2 harmonic
    all.add(new Candidate(28, f0 * 3 / 2, 8, 40, 7, 1));
    all.add(new Candidate(0.5, 50.0, 1, 40, 15, 1)); // terrestrial: best at DM 0.5
    all.add(new Candidate(1.0, 50.0, 1, 40, 14, 1));
    all.add(new Candidate(40, 7.77, 2, 10, 1.0, 1)); // weak
    all.add(new Candidate(40, 7.77, 2, 10, 1.0, 1));
    all.add(new Candidate(44, 17.1, 4, 30, 6, 1)); // a second source, two DMs
    all.add(new Candidate(46, 17.1, 4, 30, 6.5, 1));
    List<Candidate> s = CandidateSifter.sift(all, new SiftParams(2, 1.1 / 60, 2, 2, 16));
    assertEquals(2, s.size(), s.toString());
    assertEquals(30, s.get(0).dm());
    assertEquals(5, s.get(0).dmHits());
    assertEquals(f0 + 0.002, s.get(0).freqHz(), 1e-12);
    assertEquals(17.1, s.get(1).freqHz());
    assertEquals(2, s.get(1).dmHits());
  }
}
