package org.radiospark.kernels.pulsar;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Boxcar matched-filter search for dispersed single pulses, as PRESTO's single_pulse_search.py.
 *
 * <p>The series is detrended by a straight-line fit in blocks of {@code detrendLen} samples and
 * divided by the median over blocks of a robust standard deviation (interquartile range / 1.349),
 * so that a bright burst neither sets nor hides the noise level. Boxcars of each width {@code w}
 * give {@code S/N = sum / sqrt(w)} from prefix sums; local maxima above the threshold are kept, and
 * overlapping detections at different widths are merged keeping the brightest. O(n widths).
 */
public final class SinglePulseSearch {
  /** single_pulse_search.py's boxcar widths, samples. */
  static final int[] WIDTHS = {1, 2, 3, 4, 6, 9, 14, 20, 30, 45, 70, 100, 150, 220, 300};

  private SinglePulseSearch() {}

  /** Detrended, unit-variance copy of {@code series}. */
  public static float[] normalise(float[] series, int detrendLen) {
    float[] x = series.clone();
    int n = x.length;
    List<Double> stds = new ArrayList<>();
    for (int b0 = 0; b0 < n; b0 += detrendLen) {
      int b1 = Math.min(n, b0 + detrendLen);
      if (n - b1 < detrendLen / 2) {
        b1 = n;
      }
      removeLine(x, b0, b1);
      if (b1 - b0 >= 8) {
        float[] s = Arrays.copyOfRange(x, b0, b1);
        Arrays.sort(s);
        double iqr = s[(3 * s.length) / 4] - s[s.length / 4];
        stds.add(iqr / 1.349);
      }
      if (b1 == n) {
        break;
      }
    }
    double sigma = 1;
    if (!stds.isEmpty()) {
      double[] a = stds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      sigma = a[a.length / 2];
    }
    if (!(sigma > 0)) {
      // quantised, nearly constant data: fall back to the plain standard deviation
      double m = 0;
      for (float v : x) {
        m += v;
      }
      m /= n;
      double v2 = 0;
      for (float v : x) {
        v2 += (v - m) * (v - m);
      }
      sigma = Math.sqrt(v2 / Math.max(1, n - 1));
    }
    if (sigma > 0) {
      for (int i = 0; i < n; i++) {
        x[i] /= sigma;
      }
    }
    return x;
  }

  /** Subtracts the least-squares straight line from {@code x[b0..b1)} in place. */
  static void removeLine(float[] x, int b0, int b1) {
    int m = b1 - b0;
    if (m < 2) {
      if (m == 1) {
        x[b0] = 0;
      }
      return;
    }
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double sxy = 0;
    for (int i = 0; i < m; i++) {
      double y = x[b0 + i];
      sx += i;
      sy += y;
      sxx += (double) i * i;
      sxy += i * y;
    }
    double den = m * sxx - sx * sx;
    double slope = den != 0 ? (m * sxy - sx * sy) / den : 0;
    double icpt = (sy - slope * sx) / m;
    for (int i = 0; i < m; i++) {
      x[b0 + i] -= (float) (icpt + slope * i);
    }
  }

  /**
   * Searches one dedispersed series.
   *
   * @return detections above the threshold, brightest first, overlapping widths merged
   */
  public static List<SinglePulseEvent> search(
      float[] series, double tsampSec, double dm, SinglePulseParams params) {
    float[] x = normalise(series, params.detrendLen());
    int n = x.length;
    double[] cum = new double[n + 1];
    for (int i = 0; i < n; i++) {
      cum[i + 1] = cum[i] + x[i];
    }
    List<double[]> raw = new ArrayList<>(); // {centre sample, width, snr}
    for (int w : WIDTHS) {
      if (w > params.maxWidthSamples() || w > n) {
        break;
      }
      double norm = 1 / Math.sqrt(w);
      int last = n - w;
      double prev = Double.NEGATIVE_INFINITY;
      double cur = (cum[w] - cum[0]) * norm;
      for (int t = 0; t <= last; t++) {
        double next = t < last ? (cum[t + 1 + w] - cum[t + 1]) * norm : Double.NEGATIVE_INFINITY;
        if (cur >= params.threshold() && cur >= prev && cur > next) {
          raw.add(new double[] {t + w / 2.0, w, cur});
        }
        prev = cur;
        cur = next;
      }
    }
    raw.sort(Comparator.comparingDouble((double[] e) -> -e[2]));
    List<double[]> kept = new ArrayList<>();
    for (double[] e : raw) {
      boolean overlaps = false;
      for (double[] k : kept) {
        if (Math.abs(e[0] - k[0]) < (e[1] + k[1]) / 2) {
          overlaps = true;
          break;
        }
      }
      if (!overlaps) {
        kept.add(e);
        if (kept.size() >= params.maxEventsPerSeries()) {
          break;
        }
      }
    }
    List<SinglePulseEvent> out = new ArrayList<>(kept.size());
    for (double[] k : kept) {
      out.add(new SinglePulseEvent(dm, k[0] * tsampSec, k[1] * tsampSec, k[2], 1));
    }
    return out;
  }

  /**
   * Groups detections from all DM trials that overlap in time (centres closer than half the sum of
   * the widths plus {@code slackSec}); each group is reported by its brightest member with the
   * member count. Brightest group first. O(events x groups).
   */
  public static List<SinglePulseEvent> cluster(List<SinglePulseEvent> events, double slackSec) {
    List<SinglePulseEvent> sorted = new ArrayList<>(events);
    sorted.sort(Comparator.comparingDouble(SinglePulseEvent::snr).reversed());
    List<SinglePulseEvent> heads = new ArrayList<>();
    List<Integer> counts = new ArrayList<>();
    for (SinglePulseEvent e : sorted) {
      int found = -1;
      for (int i = 0; i < heads.size(); i++) {
        SinglePulseEvent h = heads.get(i);
        if (Math.abs(e.timeSec() - h.timeSec()) <= (e.widthSec() + h.widthSec()) / 2 + slackSec) {
          found = i;
          break;
        }
      }
      if (found < 0) {
        heads.add(e);
        counts.add(e.members());
      } else {
        counts.set(found, counts.get(found) + e.members());
      }
    }
    List<SinglePulseEvent> out = new ArrayList<>(heads.size());
    for (int i = 0; i < heads.size(); i++) {
      SinglePulseEvent h = heads.get(i);
      out.add(new SinglePulseEvent(h.dm(), h.timeSec(), h.widthSec(), h.snr(), counts.get(i)));
    }
    return out;
  }
}
