package org.radiospark.kernels.deconvolution;

import java.util.List;
import org.radiospark.kernels.model.InvalidInputException;

/**
 * Multi-scale CLEAN as implemented in WSClean/Radler (Offringa &amp; Smirnov 2017, MNRAS 471, 301;
 * Cornwell 2008 for the method). Components are tapered quadratic shapes of several scales (see
 * {@link ScaleKernels}); the model receives the shape itself, with unit integral times the
 * component flux.
 *
 * <p>One minor cycle: convolve the residual with every scale kernel (scale 0 is the residual
 * itself), find each scale's peak (borders of {@code ceil(scale/2)} pixels excluded), pick the
 * scale with the largest {@code |peak| x bias}. Then a sub-minor loop at that scale removes {@code
 * subMinorGain} of its peak: each step takes {@code value = peak x gain / (PSF*k)(0)}, subtracts
 * {@code value x (PSF*k*k)} from the scale-convolved residual, adds {@code value x k} to the model
 * and records the pixel in that scale's auto-mask. This repeats until {@code max(threshold, (1 -
 * mgain) x start peak)} is reached; like Radler, a countdown of {@code max(8, 1.5 nScales)}
 * sub-minor loops that hit the cycle threshold stops endless alternation, and the divergence limit
 * stops a run whose biased peak grows beyond that many times its start.
 *
 * <p>Performance, as in Radler's "fast sub-minor loop" (Offringa &amp; Smirnov 2017, section 3):
 *
 * <ul>
 *   <li>The sub-minor loop works on the <i>active set</i> only, the pixels of the scale-convolved
 *       residual above the sub-minor threshold ({@link SubMinorLoop}): O(active) per component. Its
 *       components are applied to the residual once, after the loop, times {@code PSF*k} (directly
 *       or by one FFT, {@link ImageOps#subtractComponents}). A pixel outside the set that sidelobes
 *       raise above the threshold is found at the next scale choice.
 *   <li>The scale-convolved residuals for a scale choice cost one forward FFT plus one inverse FFT
 *       per pair of scales, unpadded ({@link ScaleConvolver}: exact inside the searched borders).
 *   <li>Radler's inactive scales: a scale whose biased peak is at or below the minor-cycle
 *       threshold is not convolved again in this minor cycle. Unlike Radler, before the cycle stops
 *       at its threshold every scale is measured once more and cleaning continues if any has risen
 *       above it, so the stopping rule is exact.
 *   <li>A scale is not convolved for a scale choice when an upper bound on its biased peak (its
 *       last measured peak plus {@code bias x} the largest residual change of each sub-minor loop
 *       since, valid because the kernels are non-negative with unit sum) is below scale 0's peak:
 *       it cannot be chosen, so this changes nothing but the cost.
 * </ul>
 *
 * These change the order of components (and so the model, within the CLEAN tolerance), not the
 * stopping rules. Measured on a 1024 x 1024 SKA1-MID PSF with 6 scales (kernels bench {@code
 * CleanTiming}, one thread, two runs each on a shared machine): 5000 components under WSClean's
 * {@code -mgain 0.85 -auto-threshold 1 -auto-mask 3} took 34.2-36.6 s CPU before, 3.8 s after
 * (construction 3.0-3.1 s before, 0.24-0.45 s after).
 *
 * <p>Arrays are {@code nx * ny}, {@code a[y * nx + x]}; PSF origin at {@code (nx/2, ny/2)}. The
 * scale-convolved PSFs are zero-padded linear convolutions (no wrap-around). Cost per scale choice:
 * {@code 1 + ceil(active scales / 2)} FFTs of {@code nx ny} points; per component O(active pixels);
 * per sub-minor loop O(component pixels x nx ny) or one FFT convolution. Memory: about {@code (4
 * nScales + 1) nx ny} doubles plus the active-set buffers. Not thread-safe.
 */
public final class MultiScaleClean implements CleanAlgorithm {
  private final int nx;
  private final int ny;
  private final MultiScaleParameters params;
  private final double[] scales;
  private final double[][] kernels;
  private final int[] kernelSizes;
  private final double[] normPsf;
  private final ScaleConvolver scaleConvolver;
  private final double[][] convolvedResiduals;
  private final SubMinorLoop subMinor;
  private final double[] before;
  private final double[][] convolvedPsfs;
  private final double[][] twiceConvolvedPsfs;
  private final double[] psfPeaks;
  private final double[] biases;
  private final boolean[] userMask;
  private final boolean[][] scaleMasks;
  private final long[] componentsPerScale;
  private final double[] fluxPerScale;
  private boolean usePerScaleMasks;

  /**
   * Builds the scales and the transforms of their kernels; the scale-convolved PSFs are made when a
   * scale is first chosen ({@code 4} FFTs per pair of scales on an {@code (n + h)}-padded grid).
   *
   * @param psf {@code nx * ny} PSF normalised to 1 at {@code (nx/2, ny/2)}
   * @param cleanMask where components may be centred, or null for everywhere
   * @param params multi-scale settings
   * @param beamSizePx beam size in pixels used for the automatic scales and the bias when {@code
   *     params.beamSizePx()} is 0 (the driver passes the fitted beam's major FWHM)
   */
  public MultiScaleClean(
      double[] psf,
      int nx,
      int ny,
      boolean[] cleanMask,
      MultiScaleParameters params,
      double beamSizePx) {
    if (psf.length != nx * ny) {
      throw new InvalidInputException(
          "psf image", "size", "expected " + nx + " x " + ny + " pixels, got " + psf.length);
    }
    if (cleanMask != null && cleanMask.length != nx * ny) {
      throw new InvalidInputException(
          "clean mask", "size", "expected " + nx + " x " + ny + " pixels, got " + cleanMask.length);
    }
    this.nx = nx;
    this.ny = ny;
    this.params = params;
    double[] normPsf = ImageOps.normalisedPsf(psf, nx, ny);
    double beam = params.beamSizePx() > 0 ? params.beamSizePx() : beamSizePx;
    double[] userScales = params.scalesPx();
    if (userScales.length > 0) {
      scales = userScales;
    } else {
      List<Double> auto = ScaleKernels.autoScales(beam, Math.min(nx, ny), params.maxScales());
      scales = auto.stream().mapToDouble(Double::doubleValue).toArray();
    }
    int n = scales.length;
    kernels = new double[n][];
    kernelSizes = new int[n];
    convolvedPsfs = new double[n][];
    twiceConvolvedPsfs = new double[n][];
    psfPeaks = new double[n];
    biases = new double[n];
    scaleMasks = new boolean[n][nx * ny];
    componentsPerScale = new long[n];
    fluxPerScale = new double[n];
    double[][] smallKernels = new double[n][];
    for (int s = 0; s < n; s++) {
      kernels[s] = ScaleKernels.taperedQuadratic(scales[s]);
      kernelSizes[s] = ScaleKernels.kernelSize(scales[s]);
      smallKernels[s] = scales[s] == 0.0 ? null : kernels[s];
      psfPeaks[s] = centreOfConvolution(normPsf, kernels[s], kernelSizes[s]);
      biases[s] = ScaleKernels.biasFactor(scales[s], beam, params.scaleBias(), n);
      if (scales[s] == 0.0) {
        convolvedPsfs[s] = normPsf;
        twiceConvolvedPsfs[s] = normPsf;
      }
    }
    this.normPsf = normPsf;
    this.userMask = cleanMask == null ? null : cleanMask.clone();
    convolvedResiduals = new double[n][];
    for (int s = 0; s < n; s++) {
      if (scales[s] != 0.0) {
        convolvedResiduals[s] = new double[nx * ny];
      }
    }
    scaleConvolver = new ScaleConvolver(nx, ny, smallKernels, kernelSizes);
    subMinor = new SubMinorLoop(nx, ny);
    before = new double[nx * ny];
  }

  /**
   * {@code (psf * k)(0) = sum_d k(d) psf(-d)}, both centred, over the kernel pixels that fit an
   * {@code nx x ny} kernel image (as the FFT route clips them). O(kernel size^2).
   */
  private double centreOfConvolution(double[] psf, double[] k, int n) {
    int half = n / 2;
    double sum = 0;
    for (int j = 0; j < n; j++) {
      int oy = j - half;
      if (ny / 2 + oy < 0 || ny / 2 + oy >= ny || ny / 2 - oy < 0 || ny / 2 - oy >= ny) {
        continue;
      }
      for (int i = 0; i < n; i++) {
        int ox = i - half;
        if (nx / 2 + ox >= 0 && nx / 2 + ox < nx && nx / 2 - ox >= 0 && nx / 2 - ox < nx) {
          sum += k[j * n + i] * psf[(ny / 2 - oy) * nx + nx / 2 - ox];
        }
      }
    }
    return sum;
  }

  /**
   * Computes the once and twice scale-convolved PSFs of scale {@code s} on first use, together with
   * those of its partner (scales are paired in order, two per set of FFTs): scales that are never
   * chosen, typically the largest ones, cost nothing.
   */
  private void ensurePsfs(int s) {
    if (convolvedPsfs[s] != null) {
      return;
    }
    double[][] wanted = new double[scales.length][];
    int rank = 0;
    for (int t = 0; t < scales.length; t++) {
      if (scales[t] != 0.0) {
        if (rank / 2 == pairRank(s)) {
          wanted[t] = kernels[t];
        }
        rank++;
      }
    }
    double[][][] psfs = ScaleConvolver.scaleConvolvedPsfs(normPsf, nx, ny, wanted, kernelSizes);
    for (int t = 0; t < scales.length; t++) {
      if (wanted[t] != null) {
        convolvedPsfs[t] = psfs[0][t];
        twiceConvolvedPsfs[t] = psfs[1][t];
      }
    }
  }

  /** Index of the pair of scale {@code s} among the non-zero scales in order. */
  private int pairRank(int s) {
    int rank = 0;
    for (int t = 0; t < s; t++) {
      if (scales[t] != 0.0) {
        rank++;
      }
    }
    return rank / 2;
  }

  /** The scales in use, pixels (diameters), ascending. */
  public double[] scalesPx() {
    return scales.clone();
  }

  /** The bias factor of each scale. */
  public double[] biasFactors() {
    return biases.clone();
  }

  /** Central value of the PSF convolved with each scale kernel ({@code (PSF*k)(0)}). */
  public double[] scaleConvolvedPsfPeaks() {
    return psfPeaks.clone();
  }

  /** Number of components placed at each scale so far. */
  public long[] componentsPerScale() {
    return componentsPerScale.clone();
  }

  /** Flux (Jy) placed at each scale so far. */
  public double[] fluxPerScale() {
    return fluxPerScale.clone();
  }

  /** The auto-mask of scale {@code s}: pixels where a component of that scale was centred. */
  public boolean[] scaleMask(int s) {
    return scaleMasks[s].clone();
  }

  @Override
  public void useAutoMask(double[] model) {
    usePerScaleMasks = true;
  }

  private boolean[] maskOf(int s) {
    return usePerScaleMasks ? scaleMasks[s] : userMask;
  }

  private int border(int s) {
    return (int) Math.ceil(scales[s] * 0.5);
  }

  /**
   * Per-scale convolved residuals (scale 0: the residual itself, not copied), peak indices (-1:
   * none) and values, for one scale choice. One forward FFT plus one inverse FFT per pair of scales
   * ({@link ScaleConvolver}); the results are exact inside each scale's border, the only pixels
   * searched.
   */
  private final class Maxima {
    final double[][] convolved = new double[scales.length][];
    final int[] index = new int[scales.length];

    final boolean[] skipped = new boolean[scales.length];

    /**
     * Measures the scales with {@code active[s]}; the others get no peak (index -1). Scale 0 (the
     * residual itself) is measured first; an active scale whose {@code upperBound} (biased) is
     * below scale 0's biased peak cannot be chosen and is not convolved either ({@code skipped}).
     */
    Maxima(double[] residual, boolean neg, boolean[] active, double[] upperBound) {
      double reference = Double.NEGATIVE_INFINITY;
      for (int s = 0; s < scales.length; s++) {
        if (scales[s] == 0.0) {
          convolved[s] = residual;
          index[s] = ImageOps.findPeak(residual, nx, ny, neg, maskOf(s), 0, 0);
          if (index[s] >= 0) {
            reference = Math.max(reference, key(s, neg));
          }
        }
      }
      boolean[] wanted = new boolean[scales.length];
      for (int s = 0; s < scales.length; s++) {
        if (scales[s] != 0.0 && active[s]) {
          skipped[s] = upperBound[s] < reference;
          wanted[s] = !skipped[s];
        }
      }
      scaleConvolver.convolve(residual, convolvedResiduals, wanted);
      for (int s = 0; s < scales.length; s++) {
        if (scales[s] == 0.0) {
          continue;
        }
        int b = border(s);
        if (wanted[s] && scaleConvolver.convolves(s)) {
          convolved[s] = convolvedResiduals[s];
          index[s] = ImageOps.findPeak(convolved[s], nx, ny, neg, maskOf(s), b, b);
        } else {
          // Inactive, skipped, or a kernel wider than the image: no pixel inside the border.
          index[s] = -1;
        }
      }
    }

    double key(int s, boolean neg) {
      double v = convolved[s][index[s]] * biases[s];
      return neg ? Math.abs(v) : v;
    }

    int best(boolean neg) {
      int best = -1;
      for (int s = 0; s < scales.length; s++) {
        if (index[s] >= 0 && (best < 0 || key(s, neg) > key(best, neg))) {
          best = s;
        }
      }
      return best;
    }

    /**
     * Radler's inactive scales: a scale whose biased peak is at or below the minor-cycle threshold
     * is not convolved again in this minor cycle (scale 0 costs nothing and stays active).
     */
    void deactivateBelow(double threshold, boolean neg, boolean[] active) {
      for (int s = 0; s < scales.length; s++) {
        if (scales[s] != 0.0
            && active[s]
            && !skipped[s]
            && (index[s] < 0 || key(s, neg) <= threshold)) {
          active[s] = false;
        }
      }
    }
  }

  /** Keeps the exactly measured biased peaks as the new base of the upper bounds. */
  private void record(Maxima maxima, boolean neg, double[] knownKey, double[] drift) {
    for (int t = 0; t < scales.length; t++) {
      if (maxima.index[t] >= 0) {
        knownKey[t] = maxima.key(t, neg);
        drift[t] = 0;
      }
    }
  }

  private static boolean allActive(boolean[] active) {
    for (boolean a : active) {
      if (!a) {
        return false;
      }
    }
    return true;
  }

  @Override
  public MinorCycleOutcome minorCycle(double[] residual, double[] model, MinorCycleLimits limits) {
    if (residual.length != nx * ny || model.length != nx * ny) {
      throw new InvalidInputException(
          "residual/model image", "size", "expected " + nx + " x " + ny + " pixels");
    }
    boolean neg = limits.allowNegative();
    boolean[] active = new boolean[scales.length];
    java.util.Arrays.fill(active, true);
    // Upper bounds on each scale's biased peak: its last measured peak plus, per sub-minor loop
    // since, the largest change of the residual (a unit-sum non-negative kernel cannot turn a
    // change of at most d anywhere into more than d).
    double[] knownKey = new double[scales.length];
    double[] drift = new double[scales.length];
    double[] bound = new double[scales.length];
    java.util.Arrays.fill(bound, Double.POSITIVE_INFINITY);
    Maxima maxima = new Maxima(residual, neg, active, bound);
    record(maxima, neg, knownKey, drift);
    int s = maxima.best(neg);
    if (s < 0) {
      return new MinorCycleOutcome(0, 0, 0, 0, false, false, true, false);
    }
    double startPeak = Math.abs(maxima.convolved[s][maxima.index[s]] * biases[s]);
    double threshold = startPeak * (1.0 - limits.majorLoopGain());
    boolean isFinal = false;
    if (limits.thresholdJy() > threshold) {
      threshold = limits.thresholdJy();
      isFinal = true;
    }
    maxima.deactivateBelow(threshold, neg, active);
    int countdown = Math.max(8, scales.length * 3 / 2);
    long iter = 0;
    double flux = 0;
    boolean noPeak = false;
    boolean diverged = false;
    double divergenceLevel =
        limits.divergenceLimit() > 0 ? limits.divergenceLimit() * startPeak : Double.MAX_VALUE;
    double peak = maxima.convolved[s][maxima.index[s]] * biases[s];
    while (iter < limits.maxIterations()
        && Math.abs(peak) > threshold
        && (neg || peak > 0)
        && countdown > 0
        && !diverged) {
      double subThreshold = Math.abs(peak) * (1.0 - params.subMinorGain());
      if (threshold > subThreshold) {
        subThreshold = threshold;
        countdown--;
      }
      ensurePsfs(s);
      int b = border(s);
      // Only pixels above the sub-minor threshold can take a component in this loop.
      subMinor.select(
          maxima.convolved[s], maskOf(s), b, subThreshold, biases[s], neg, Integer.MAX_VALUE);
      SubMinorLoop.Result r =
          subMinor.run(
              twiceConvolvedPsfs[s],
              limits.gain() / psfPeaks[s],
              biases[s],
              subThreshold,
              neg,
              limits.maxIterations() - iter,
              divergenceLevel);
      System.arraycopy(residual, 0, before, 0, residual.length);
      flux += applyComponents(s, residual, model);
      double change = 0;
      for (int i = 0; i < residual.length; i++) {
        change = Math.max(change, Math.abs(residual[i] - before[i]));
      }
      for (int t = 0; t < scales.length; t++) {
        drift[t] += change;
        bound[t] = knownKey[t] + drift[t] * biases[t];
      }
      iter += r.iterations();
      diverged = r.diverged();
      if (r.iterations() == 0) {
        // Cannot happen (the scale's peak is in the set): guards against an endless loop.
        break;
      }
      maxima = new Maxima(residual, neg, active, bound);
      s = maxima.best(neg);
      boolean done = s < 0 || !(maxima.key(s, neg) > threshold);
      if (done && !diverged && iter < limits.maxIterations() && !allActive(active)) {
        // Before stopping at the threshold, check that no inactive scale has risen above it.
        java.util.Arrays.fill(active, true);
        maxima = new Maxima(residual, neg, active, bound);
        s = maxima.best(neg);
      }
      record(maxima, neg, knownKey, drift);
      if (s < 0) {
        noPeak = true;
        break;
      }
      peak = maxima.convolved[s][maxima.index[s]] * biases[s];
      diverged |= Math.abs(peak) > divergenceLevel;
      maxima.deactivateBelow(threshold, neg, active);
    }
    double finalPeak = noPeak ? 0.0 : Math.abs(peak);
    boolean aboveThreshold = !noPeak && finalPeak > threshold && (neg || peak > 0);
    boolean maxIter = !diverged && iter >= limits.maxIterations() && aboveThreshold;
    boolean reachedFinal = isFinal && !maxIter && !diverged;
    // Positive-only cleaning with nothing positive left ends the run too.
    boolean exhausted = !reachedFinal && !maxIter && !diverged && (noPeak || !(neg || peak > 0));
    return new MinorCycleOutcome(
        iter, startPeak, finalPeak, flux, reachedFinal, maxIter, exhausted, diverged);
  }

  /**
   * Puts the sub-minor loop's components of scale {@code s} into the model (as scale shapes), the
   * scale's auto-mask and the statistics, and subtracts them times the scale-convolved PSF from the
   * residual. O(component pixels x (kernel size^2 + nx ny)), or one FFT convolution when cheaper.
   *
   * @return the flux added, Jy
   */
  private double applyComponents(int s, double[] residual, double[] model) {
    double flux = 0;
    for (int k = 0; k < subMinor.size(); k++) {
      int hits = subMinor.hits(k);
      if (hits == 0) {
        continue;
      }
      int idx = subMinor.pixel(k);
      double component = subMinor.component(k);
      if (scales[s] == 0.0) {
        model[idx] += component;
      } else {
        ScaleKernels.addShape(
            model, nx, ny, kernels[s], kernelSizes[s], idx % nx, idx / nx, component);
      }
      scaleMasks[s][idx] = true;
      componentsPerScale[s] += hits;
      fluxPerScale[s] += component;
      flux += component;
    }
    ImageOps.subtractComponents(residual, nx, ny, convolvedPsfs[s], subMinor);
    return flux;
  }
}
