package org.radiospark.jobs.pulsar;

import java.util.ArrayList;
import java.util.List;
import org.radiospark.kernels.pulsar.Candidate;
import org.radiospark.kernels.pulsar.DmRangeResult;
import org.radiospark.kernels.pulsar.SinglePulseEvent;

/**
 * Packs a {@link DmRangeResult} into one {@code double[]} so that task results travel as a
 * registered primitive array (no record serialisers needed): {@code [numDms, nCand, nEvent,
 * candidates (6 each), events (5 each)]}. Every field is a double or a small integer, so the round
 * trip is exact.
 */
final class ResultCodec {
  private static final int CAND = 6;
  private static final int EVENT = 5;

  private ResultCodec() {}

  static double[] encode(DmRangeResult r) {
    double[] a = new double[3 + CAND * r.candidates().size() + EVENT * r.events().size()];
    a[0] = r.numDms();
    a[1] = r.candidates().size();
    a[2] = r.events().size();
    int k = 3;
    for (Candidate c : r.candidates()) {
      a[k++] = c.dm();
      a[k++] = c.freqHz();
      a[k++] = c.numHarm();
      a[k++] = c.power();
      a[k++] = c.sigma();
      a[k++] = c.dmHits();
    }
    for (SinglePulseEvent e : r.events()) {
      a[k++] = e.dm();
      a[k++] = e.timeSec();
      a[k++] = e.widthSec();
      a[k++] = e.snr();
      a[k++] = e.members();
    }
    return a;
  }

  static DmRangeResult decode(double[] a) {
    int nc = (int) a[1];
    int ne = (int) a[2];
    List<Candidate> cands = new ArrayList<>(nc);
    List<SinglePulseEvent> events = new ArrayList<>(ne);
    int k = 3;
    for (int i = 0; i < nc; i++, k += CAND) {
      cands.add(new Candidate(a[k], a[k + 1], (int) a[k + 2], a[k + 3], a[k + 4], (int) a[k + 5]));
    }
    for (int i = 0; i < ne; i++, k += EVENT) {
      events.add(new SinglePulseEvent(a[k], a[k + 1], a[k + 2], a[k + 3], (int) a[k + 4]));
    }
    return new DmRangeResult(cands, events, (int) a[0]);
  }

  static DmRangeResult merge(List<DmRangeResult> parts) {
    List<Candidate> c = new ArrayList<>();
    List<SinglePulseEvent> e = new ArrayList<>();
    int n = 0;
    for (DmRangeResult r : parts) {
      c.addAll(r.candidates());
      e.addAll(r.events());
      n += r.numDms();
    }
    return new DmRangeResult(c, e, n);
  }
}
