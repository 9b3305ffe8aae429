package org.radiospark.kernels.bench;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import org.visnow.jlargearrays.ConcurrencyUtils;
import org.radiospark.kernels.deconvolution.BeamFitter;
import org.radiospark.kernels.deconvolution.CleanParameters;
import org.radiospark.kernels.deconvolution.CottonSchwabDeconvolver;
import org.radiospark.kernels.deconvolution.DeconvolutionResult;
import org.radiospark.kernels.deconvolution.MajorCycleStats;
import org.radiospark.kernels.deconvolution.HogbomClean;
import org.radiospark.kernels.deconvolution.MinorCycleLimits;
import org.radiospark.kernels.deconvolution.MinorCycleOutcome;
import org.radiospark.kernels.deconvolution.MultiScaleClean;
import org.radiospark.kernels.deconvolution.MultiScaleParameters;
import org.radiospark.kernels.model.Image;
import org.radiospark.kernels.model.ImageGeometry;
import org.radiospark.kernels.model.PhaseCentre;
import org.radiospark.kernels.model.Stokes;

/**
 * Plain wall-clock timing of one long minor cycle of Hogbom and multi-scale CLEAN on the {@link
 * DeconvolutionScene} (gain 0.1, mgain 1, threshold 0, so exactly {@code niter} components).
 * Usage: {@code CleanTiming <ska1mid.cfg> <n> <niter>
 * <hogbom|multiscale|both|driver-hogbom|driver-multiscale> [save|compare <prefix>]}; "save" stores
 * the models and residuals, "compare" prints the differences to stored ones (before/after checks
 * of an optimisation). The driver modes run WSClean's {@code -mgain 0.85 -auto-threshold 1
 * -auto-mask 3} through {@link CottonSchwabDeconvolver}. Before/after: run the same bench classes
 * against the old and the new main classes.
 */
public final class CleanTiming {
  private CleanTiming() {}

  public static void main(String[] args) throws IOException {
    Path layout = Path.of(args[0]);
    int n = Integer.parseInt(args[1]);
    long niter = Long.parseLong(args[2]);
    String which = args[3];
    String mode = args.length > 5 ? args[4] : "";
    String prefix = args.length > 5 ? args[5] : "";
    // One FFT thread by default: the timed work then runs on this thread alone, so its CPU time
    // (printed next to the wall-clock time) is a load-independent figure on a shared machine.
    // -Dbench.fftThreads=0 keeps JTransforms' default (all cores).
    int fftThreads = Integer.getInteger("bench.fftThreads", 1);
    if (fftThreads > 0) {
      ConcurrencyUtils.setNumberOfThreads(fftThreads);
    }
    long t0 = System.nanoTime();
    DeconvolutionScene scene = DeconvolutionScene.load(layout, n);
    System.out.printf("scene %d x %d ready in %.1f s%n", n, n, (System.nanoTime() - t0) * 1e-9);
    MinorCycleLimits limits = new MinorCycleLimits(0.0, 1.0, 0.1, niter, true);
    if (which.equals("hogbom") || which.equals("both")) {
      double[] residual = scene.dirty().clone();
      double[] model = new double[n * n];
      long t = System.nanoTime();
      HogbomClean h = new HogbomClean(scene.psf(), n, n, null);
      long t1 = System.nanoTime();
      long c1 = cpu();
      MinorCycleOutcome out = h.minorCycle(residual, model, limits);
      long t2 = System.nanoTime();
      System.out.printf(
          "hogbom: setup %.3f s, %d iterations in %.3f s (cpu %.3f s), peak %.5g -> %.5g%n",
          (t1 - t) * 1e-9,
          out.iterations(),
          (t2 - t1) * 1e-9,
          (cpu() - c1) * 1e-9,
          out.startPeakJy(),
          out.finalPeakJy());
      saveOrCompare(mode, prefix + "-hogbom", model, residual);
    }
    if (which.startsWith("driver")) {
      runDriver(scene, n, niter, which.equals("driver-multiscale"));
    }
    if (which.equals("multiscale") || which.equals("both")) {
      double[] residual = scene.dirty().clone();
      double[] model = new double[n * n];
      double beam = BeamFitter.fitPixels(scene.psf(), n, n).majorFwhmPx();
      long t = System.nanoTime();
      long c0 = cpu();
      MultiScaleClean ms =
          new MultiScaleClean(scene.psf(), n, n, null, MultiScaleParameters.defaults(), beam);
      long t1 = System.nanoTime();
      long c1 = cpu();
      MinorCycleOutcome out = ms.minorCycle(residual, model, limits);
      long t2 = System.nanoTime();
      System.out.printf(
          "multiscale: beam %.2f px, scales %s, setup %.3f s (cpu %.3f s), %d iterations in %.3f s"
              + " (cpu %.3f s), peak %.5g -> %.5g, components per scale %s%n",
          beam,
          java.util.Arrays.toString(ms.scalesPx()),
          (t1 - t) * 1e-9,
          (c1 - c0) * 1e-9,
          out.iterations(),
          (t2 - t1) * 1e-9,
          (cpu() - c1) * 1e-9,
          out.startPeakJy(),
          out.finalPeakJy(),
          java.util.Arrays.toString(ms.componentsPerScale()));
      saveOrCompare(mode, prefix + "-multiscale", model, residual);
    }
  }

  /**
   * The brief's WSClean run in the image plane: {@code -niter niter -mgain 0.85 -auto-threshold 1
   * -auto-mask 3} (and {@code -multiscale}), major cycles by {@link ImagePlaneResidual}.
   */
  private static void runDriver(DeconvolutionScene scene, int n, long niter, boolean multiscale) {
    CleanParameters p =
        CleanParameters.defaults()
            .withMaxIterations(niter)
            .withMajorLoopGain(0.85)
            .withAutoThreshold(1)
            .withAutoMask(3);
    if (multiscale) {
      p = p.withMultiscale(MultiScaleParameters.defaults());
    }
    ImageGeometry g =
        new ImageGeometry(n, n, 1e-6, PhaseCentre.ofDegrees(150, -30), 1.4e9, 1e6, Stokes.I);
    ImagePlaneResidual op = new ImagePlaneResidual(scene.dirty(), scene.psf(), n);
    long t0 = System.nanoTime();
    long c0 = cpu();
    DeconvolutionResult r =
        new CottonSchwabDeconvolver(p)
            .deconvolve(
                new Image(g, scene.dirty(), null, "JY/BEAM"),
                new Image(g, scene.psf(), null, ""),
                op,
                null);
    double total = (System.nanoTime() - t0) * 1e-9;
    double totalCpu = (cpu() - c0) * 1e-9;
    double flux = 0;
    for (double v : r.model().pixels()) {
      flux += v;
    }
    System.out.printf(
        "driver %s: %d iterations, %d major cycles, stop %s, total %.3f s, of which major cycles"
            + " (image-plane FFT) %.3f s -> deconvolution %.3f s (cpu %.3f s); model flux %.5g Jy,"
            + " final threshold %.4g%n",
        multiscale ? "multiscale" : "hogbom",
        r.iterations(),
        r.majorCycles(),
        r.stopReason(),
        total,
        op.seconds(),
        total - op.seconds(),
        totalCpu - op.cpuSeconds(),
        flux,
        r.finalThresholdJy());
    for (MajorCycleStats s : r.cycles()) {
      System.out.println("  " + s);
    }
  }

  /** CPU time of this thread, ns. */
  static long cpu() {
    ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    return bean.getCurrentThreadCpuTime();
  }

  private static void saveOrCompare(String mode, String prefix, double[] model, double[] residual)
      throws IOException {
    Path f = Path.of(prefix + ".bin");
    if (mode.equals("save")) {
      try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(f))) {
        for (double v : model) {
          out.writeDouble(v);
        }
        for (double v : residual) {
          out.writeDouble(v);
        }
      }
    } else if (mode.equals("compare")) {
      double[] m = new double[model.length];
      double[] r = new double[residual.length];
      try (DataInputStream in = new DataInputStream(Files.newInputStream(f))) {
        for (int i = 0; i < m.length; i++) {
          m[i] = in.readDouble();
        }
        for (int i = 0; i < r.length; i++) {
          r[i] = in.readDouble();
        }
      }
      double dm = 0;
      double dr = 0;
      double sm = 0;
      double sm0 = 0;
      double rmsR = 0;
      double rmsR0 = 0;
      for (int i = 0; i < m.length; i++) {
        dm = Math.max(dm, Math.abs(m[i] - model[i]));
        dr = Math.max(dr, Math.abs(r[i] - residual[i]));
        sm += model[i];
        sm0 += m[i];
        rmsR += residual[i] * residual[i];
        rmsR0 += r[i] * r[i];
      }
      System.out.printf(
          "%s vs stored: max|dmodel| %.3g, max|dresidual| %.3g, model flux %.6g vs %.6g, residual"
              + " rms %.6g vs %.6g%n",
          prefix, dm, dr, sm, sm0, Math.sqrt(rmsR / m.length), Math.sqrt(rmsR0 / m.length));
    }
  }
}
