package org.radiospark.kernels.gridding;

import org.radiospark.kernels.fft.ParallelFor;

/**
 * Per-quadrant-cell ({@link GridPlan#quadrant}) w-plane phase {@code exp(sign 2 pi i w_p (n - 1 -
 * nShift))} for the current plane p, advanced plane to plane by one complex multiplication per
 * pixel ({@code w_p = w0 + p dw}) and recomputed directly every 32 planes or after a jump, so
 * round-off cannot drift.
 */
final class Phasors {
  final double[] re;
  final double[] im;
  private final double[] stepRe;
  private final double[] stepIm;
  private final GridPlan plan;
  private final double sign;
  private int current = -1;

  Phasors(GridPlan plan, int sign) {
    int n = plan.nm1Shifted.length;
    this.plan = plan;
    this.sign = sign;
    re = new double[n];
    im = new double[n];
    stepRe = new double[n];
    stepIm = new double[n];
    double[] d = plan.nm1Shifted;
    for (int i = 0; i < n; i++) {
      double a = sign * 2 * Math.PI * plan.dw * d[i];
      stepRe[i] = Math.cos(a);
      stepIm[i] = Math.sin(a);
    }
  }

  void moveTo(int p, int nThreads) {
    int n = re.length;
    int nTasks = Math.max(1, Math.min(64, n / 4096));
    boolean direct = p != current + 1 || p % 32 == 0;
    double wp = plan.w0 + p * plan.dw;
    double[] d = plan.nm1Shifted;
    ParallelFor.run(
        nThreads,
        nTasks,
        t -> {
          int a = (int) ((long) n * t / nTasks);
          int b = (int) ((long) n * (t + 1) / nTasks);
          if (direct) {
            for (int i = a; i < b; i++) {
              double ang = sign * 2 * Math.PI * wp * d[i];
              re[i] = Math.cos(ang);
              im[i] = Math.sin(ang);
            }
          } else {
            for (int i = a; i < b; i++) {
              double r = re[i] * stepRe[i] - im[i] * stepIm[i];
              im[i] = re[i] * stepIm[i] + im[i] * stepRe[i];
              re[i] = r;
            }
          }
        });
    current = p;
  }
}
