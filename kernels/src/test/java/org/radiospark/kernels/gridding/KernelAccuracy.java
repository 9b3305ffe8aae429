package org.radiospark.kernels.gridding;

import java.util.Locale;

/**
 * Offline tool that made {@link KernelTable}: the worst-case 1-D gridding error of the ES kernel
 * for support W, oversampling sigma and shape beta, and (in {@link #main}) the beta minimising it.
 *
 * <p>Error model (Barnett et al. 2019, sec. 4; the same quantity ducc0 tabulates): a point at
 * fractional grid offset p spread onto W cells and read back at frequency f (cycles per cell,
 * {@code |f| <= 1/(2 sigma)} covers the image) after division by the kernel's Fourier transform
 * gives {@code sum_j phi(2 t_j / W) exp(2 pi i t_j f) / psi(f)} instead of 1 ({@code t_j = j - p});
 * the error is the largest deviation over p in [0, 1) and f in [0, 1/(2 sigma)], sampled on a 33 x
 * 33 grid. Run {@code main} to print the table.
 */
public final class KernelAccuracy {
  private KernelAccuracy() {}

  /** Worst-case 1-D relative error of the exact kernel (no polynomial approximation). */
  public static double error1d(int w, double sigma, double beta) {
    EsKernel k = new EsKernel(w, beta, 1);
    int np = 33;
    int nf = 33;
    double fmax = 0.5 / sigma;
    double worst = 0;
    for (int a = 0; a < nf; a++) {
      double f = fmax * a / (nf - 1);
      double psi = k.fourier(f);
      for (int b = 0; b < np; b++) {
        double p = (double) b / np;
        int i0 = (int) Math.ceil(p - 0.5 * w);
        double re = 0;
        double im = 0;
        for (int j = 0; j < w; j++) {
          double t = i0 + j - p;
          double v = EsKernel.phi(beta, w, 2 * t / w);
          re += v * Math.cos(2 * Math.PI * t * f);
          im += v * Math.sin(2 * Math.PI * t * f);
        }
        worst = Math.max(worst, Math.hypot(re / psi - 1, im / psi));
      }
    }
    return worst;
  }

  /**
   * Coarse scan of beta over [0.5, 3.2] in steps of 0.05 (the error has several local minima), then
   * golden-section refinement around the best step. Returns {beta, error}.
   */
  public static double[] bestBeta(int w, double sigma) {
    double bestB = 0.5;
    double bestE = Double.POSITIVE_INFINITY;
    for (double b = 0.5; b <= 3.2 + 1e-9; b += 0.05) {
      double e = error1d(w, sigma, b);
      if (e < bestE) {
        bestE = e;
        bestB = b;
      }
    }
    double lo = bestB - 0.05;
    double hi = bestB + 0.05;
    double g = (Math.sqrt(5) - 1) / 2;
    double c = hi - g * (hi - lo);
    double d = lo + g * (hi - lo);
    double fc = error1d(w, sigma, c);
    double fd = error1d(w, sigma, d);
    for (int it = 0; it < 30; it++) {
      if (fc < fd) {
        hi = d;
        d = c;
        fd = fc;
        c = hi - g * (hi - lo);
        fc = error1d(w, sigma, c);
      } else {
        lo = c;
        c = d;
        fc = fd;
        d = lo + g * (hi - lo);
        fd = error1d(w, sigma, d);
      }
    }
    return fc < fd ? new double[] {c, fc} : new double[] {d, fd};
  }

  /** Prints the Java source of the table body: {W, sigma, beta, error} rows. */
  public static void main(String[] args) {
    for (int w = 3; w <= 16; w++) {
      StringBuilder sb = new StringBuilder();
      for (int s = 0; s <= 30; s++) {
        double sigma = 1.1 + 0.05 * s;
        double[] be = bestBeta(w, sigma);
        sb.append(
            String.format(Locale.ROOT, "    {%d, %.2f, %.4f, %.2e},%n", w, sigma, be[0], be[1]));
      }
      System.out.print(sb);
      System.out.flush();
    }
  }
}
