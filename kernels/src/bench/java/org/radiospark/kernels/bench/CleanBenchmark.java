package org.radiospark.kernels.bench;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.radiospark.kernels.deconvolution.BeamFitter;
import org.radiospark.kernels.deconvolution.CleanParameters;
import org.radiospark.kernels.deconvolution.CottonSchwabDeconvolver;
import org.radiospark.kernels.deconvolution.DeconvolutionResult;
import org.radiospark.kernels.deconvolution.HogbomClean;
import org.radiospark.kernels.deconvolution.MinorCycleLimits;
import org.radiospark.kernels.deconvolution.MinorCycleOutcome;
import org.radiospark.kernels.deconvolution.MultiScaleClean;
import org.radiospark.kernels.deconvolution.MultiScaleParameters;
import org.radiospark.kernels.model.Image;
import org.radiospark.kernels.model.ImageGeometry;
import org.radiospark.kernels.model.PhaseCentre;
import org.radiospark.kernels.model.Stokes;
import org.radiospark.kernels.testing.SharedData;

/**
 * JMH benchmark of the CLEAN minor cycles on the {@link DeconvolutionScene} (SKA1-MID PSF from
 * {@code layouts/ska1mid.cfg}; the shared data root comes from {@code
 * -Dradiospark.shared.data}, as for the tests). Run with the {@code bench} profile, e.g. {@code mvn
 * -Pbench -pl kernels test-compile} and then {@code java -cp <test classpath>
 * org.openjdk.jmh.Main CleanBenchmark}. For before/after wall-clock figures without JMH see {@link
 * CleanTiming}.
 *
 * <ul>
 *   <li>{@code hogbomCycle}, {@code multiScaleCycle}: one minor cycle of {@code niter} components
 *       (gain 0.1, mgain 1, threshold 0); the multi-scale setup is done once per trial.
 *   <li>{@code wscleanRun}: WSClean's {@code -niter niter -mgain 0.85 -auto-threshold 1 -auto-mask
 *       3} with or without {@code -multiscale}, major cycles in the image plane, setup and
 *       restoration included.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgs = {"-Xmx4g"})
public class CleanBenchmark {
  @Param({"1024"})
  public int size;

  @Param({"5000"})
  public long niter;

  private DeconvolutionScene scene;
  private double beamPx;
  private MultiScaleClean multiScale;
  private double[] residual;
  private double[] model;

  @Setup(Level.Trial)
  public void loadScene() throws IOException {
    scene = DeconvolutionScene.load(SharedData.root().resolve("layouts/ska1mid.cfg"), size);
    beamPx = BeamFitter.fitPixels(scene.psf(), size, size).majorFwhmPx();
    multiScale =
        new MultiScaleClean(
            scene.psf(), size, size, null, MultiScaleParameters.defaults(), beamPx);
  }

  @Setup(Level.Invocation)
  public void freshImages() {
    residual = scene.dirty().clone();
    model = new double[size * size];
  }

  @Benchmark
  public MinorCycleOutcome hogbomCycle() {
    return new HogbomClean(scene.psf(), size, size, null)
        .minorCycle(residual, model, new MinorCycleLimits(0.0, 1.0, 0.1, niter, true));
  }

  @Benchmark
  public MinorCycleOutcome multiScaleCycle() {
    return multiScale.minorCycle(
        residual, model, new MinorCycleLimits(0.0, 1.0, 0.1, niter, true));
  }

  @Benchmark
  public DeconvolutionResult wscleanRunHogbom() {
    return wsclean(false);
  }

  @Benchmark
  public DeconvolutionResult wscleanRunMultiScale() {
    return wsclean(true);
  }

  private DeconvolutionResult wsclean(boolean ms) {
    CleanParameters p =
        CleanParameters.defaults()
            .withMaxIterations(niter)
            .withMajorLoopGain(0.85)
            .withAutoThreshold(1)
            .withAutoMask(3);
    if (ms) {
      p = p.withMultiscale(MultiScaleParameters.defaults());
    }
    ImageGeometry g =
        new ImageGeometry(size, size, 1e-6, PhaseCentre.ofDegrees(150, -30), 1.4e9, 1e6, Stokes.I);
    return new CottonSchwabDeconvolver(p)
        .deconvolve(
            new Image(g, scene.dirty(), null, "JY/BEAM"),
            new Image(g, scene.psf(), null, ""),
            new ImagePlaneResidual(scene.dirty(), scene.psf(), size),
            null);
  }
}
