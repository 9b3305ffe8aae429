package org.radiospark.kernels.bench;

import org.jtransforms.fft.DoubleFFT_2D;
import org.radiospark.kernels.deconvolution.ResidualOperator;
import org.radiospark.kernels.model.Image;

/**
 * An exact image-plane "major cycle" for benchmarks: residual = dirty - model (*) PSF, the linear
 * convolution done by a zero-padded {@code 2n x 2n} complex FFT. Accumulates the time it spends
 * so that the minor cycles can be timed on their own. Images {@code a[y * n + x]}, PSF origin at
 * {@code (n/2, n/2)}.
 */
final class ImagePlaneResidual implements ResidualOperator {
  private final int n;
  private final double[] dirty;
  private final double[] psfHat;
  private final DoubleFFT_2D fft;
  private long nanos;
  private long cpuNanos;
  private int calls;

  ImagePlaneResidual(double[] dirty, double[] psf, int n) {
    this.n = n;
    this.dirty = dirty.clone();
    this.fft = new DoubleFFT_2D(2 * n, 2 * n);
    this.psfHat = new double[8 * n * n];
    for (int y = 0; y < n; y++) {
      int wy = Math.floorMod(y - n / 2, 2 * n);
      for (int x = 0; x < n; x++) {
        int wx = Math.floorMod(x - n / 2, 2 * n);
        psfHat[2 * (wy * 2 * n + wx)] = psf[y * n + x];
      }
    }
    fft.complexForward(psfHat);
  }

  @Override
  public Image residual(Image model) {
    long t0 = System.nanoTime();
    long c0 = CleanTiming.cpu();
    double[] work = new double[8 * n * n];
    double[] m = model.pixels();
    for (int y = 0; y < n; y++) {
      for (int x = 0; x < n; x++) {
        work[2 * (y * 2 * n + x)] = m[y * n + x];
      }
    }
    fft.complexForward(work);
    for (int k = 0; k < 4 * n * n; k++) {
      double ar = work[2 * k];
      double ai = work[2 * k + 1];
      double br = psfHat[2 * k];
      double bi = psfHat[2 * k + 1];
      work[2 * k] = ar * br - ai * bi;
      work[2 * k + 1] = ar * bi + ai * br;
    }
    fft.complexInverse(work, true);
    double[] r = new double[n * n];
    for (int y = 0; y < n; y++) {
      for (int x = 0; x < n; x++) {
        r[y * n + x] = dirty[y * n + x] - work[2 * (y * 2 * n + x)];
      }
    }
    nanos += System.nanoTime() - t0;
    cpuNanos += CleanTiming.cpu() - c0;
    calls++;
    return new Image(model.geometry(), r, null, "JY/BEAM");
  }

  /** Seconds spent in {@link #residual} so far. */
  double seconds() {
    return nanos * 1e-9;
  }

  /** CPU seconds of the calling thread spent in {@link #residual} so far. */
  double cpuSeconds() {
    return cpuNanos * 1e-9;
  }

  int calls() {
    return calls;
  }
}
