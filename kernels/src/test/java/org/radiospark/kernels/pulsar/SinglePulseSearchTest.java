package org.radiospark.kernels.pulsar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SinglePulseSearchTest {
  @Test
  void plantedBoxcarIsFoundAtItsTimeWidthAndSnr() {
    int n = 20000;
    double dt = 1e-3;
    float[] x = PeriodSearchTest.noise(n, 11);
    int start = 12345;
    int w = 14;
    double amp = 3.0;
    for (int i = start; i < start + w; i++) {
      x[i] += (float) amp;
    }
    List<SinglePulseEvent> ev = SinglePulseSearch.search(x, dt, 50, SinglePulseParams.defaults());
    SinglePulseEvent best = ev.get(0);
    // matched boxcar: S/N = amp sqrt(w) = 11.2, +- 1 from the noise in the box
    assertEquals(amp * Math.sqrt(w), best.snr(), 2.0);
    assertEquals((start + w / 2.0) * dt, best.timeSec(), w * dt / 2);
    assertTrue(best.widthSec() >= 9 * dt && best.widthSec() <= 20 * dt, best.toString());
    // the same pulse at other widths was merged: no second event overlapping it
    for (SinglePulseEvent e : ev.subList(1, ev.size())) {
      assertTrue(Math.abs(e.timeSec() - best.timeSec()) >= (e.widthSec() + best.widthSec()) / 2);
    }
  }

  @Test
  void noiseGivesTheGaussianFalseAlarmRate() {
    int n = 200000;
    float[] x = PeriodSearchTest.noise(n, 12);
    List<SinglePulseEvent> ev =
        SinglePulseSearch.search(x, 1e-3, 0, new SinglePulseParams(5, 1, 1000, 100000));
    // width 1 only: P(>5 sigma) = 2.9e-7 per sample -> 0.06 expected
    assertTrue(ev.size() <= 2, ev.toString());
  }

  @Test
  void detrendingRemovesASlowBaseline() {
    int n = 10000;
    float[] x = PeriodSearchTest.noise(n, 13);
    for (int i = 0; i < n; i++) {
      x[i] += (float) (50 * Math.sin(2 * Math.PI * i / 20000.0));
    }
    float[] y = SinglePulseSearch.normalise(x, 1000);
    double m = 0;
    double v = 0;
    for (float f : y) {
      m += f;
      v += f * f;
    }
    assertEquals(0, m / n, 0.05);
    assertEquals(1, Math.sqrt(v / n), 0.1);
  }

  @Test
  void clusteringMergesAcrossDmsAndKeepsSeparatePulses() {
    List<SinglePulseEvent> ev = new ArrayList<>();
    ev.add(new SinglePulseEvent(100, 1.000, 0.004, 8, 1));
    ev.add(new SinglePulseEvent(110, 1.002, 0.006, 12, 1));
    ev.add(new SinglePulseEvent(120, 1.004, 0.008, 9, 1));
    ev.add(new SinglePulseEvent(110, 3.0, 0.004, 6, 1));
    List<SinglePulseEvent> c = SinglePulseSearch.cluster(ev, 0.001);
    assertEquals(2, c.size());
    assertEquals(110, c.get(0).dm());
    assertEquals(3, c.get(0).members());
    assertEquals(3.0, c.get(1).timeSec());
  }
}
