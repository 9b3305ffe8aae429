package org.radiospark.kernels.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.radiospark.kernels.gridding.GridderParams;
import org.radiospark.kernels.gridding.Precision;
import org.radiospark.kernels.gridding.PreparedGridding;
import org.radiospark.kernels.gridding.WGridder;
import org.radiospark.kernels.model.VisibilityBlock;

/**
 * Throughput of {@link WGridder} in visibilities per second (JMH "ops/s" = vis/s, thanks to
 * {@code OperationsPerInvocation}), one thread, on a 1024 x 1024 image of 1 arcmin pixels with 1 M
 * visibilities (100 000 rows x 10 channels, 150-160 MHz; the {@code *4M} methods 4 M, 400 000
 * rows) with a Gaussian uv distribution (see {@link #uvFill}) and |w| up to 400 wavelengths (an
 * MWA-like snapshot far from zenith). Each call of {@code ms2dirty}, {@code dirty2ms} and their
 * {@code 4M} forms includes the kernel choice, the bucket sort, the FFTs and the corrections, as a
 * one-shot caller pays; the {@code *Prepared} methods reuse a plan made once in the setup ({@link
 * WGridder#prepare}), as the major cycles of CLEAN and of calibration can, and pay the spreading,
 * the FFT and the image work only.
 *
 * <p>Run (from the repository root; details in {@code package-info.java} of this package):
 *
 * <pre>
 * mvn -B -q -o -Pbench -pl kernels test-compile
 * mvn -B -q -o -Pbench -pl kernels dependency:build-classpath -Dmdep.outputFile=/tmp/bench.cp
 * java -Xmx3g -cp kernels/target/test-classes:kernels/target/classes:$(cat /tmp/bench.cp) \
 *     org.openjdk.jmh.Main GriddingBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class GriddingBenchmark {
  static final int N_ROWS = 100_000;
  static final int N_CHAN = 10;
  static final int N_VIS = N_ROWS * N_CHAN;
  static final int NPIX = 1024;
  static final double CELL = Math.toRadians(1.0 / 60);

  @Param({"1e-4", "1e-5"})
  public double epsilon;

  @Param({"FLOAT", "DOUBLE"})
  public Precision precision;

  @Param({"false", "true"})
  public boolean wGridding;

  /**
   * Width of the Gaussian uv distribution as a fraction of the grid's Nyquist half-width 1/(2
   * cell): 0.33 fills the grid (3 sigma at the edge, beam about 2 pixels), 0.17 leaves half the
   * columns empty (beam about 4.5 pixels, the usual WSClean sampling).
   */
  @Param({"0.33", "0.17"})
  public double uvFill;

  /**
   * Largest oversampling factor the grid choice may use (1.1 .. 2.6; 2.6 is the default of {@link
   * GridderParams#of}). A smaller cap reproduces earlier grid choices in the same session, e.g.
   * 1.49 keeps 1024 pixels at epsilon 1e-4 on the 1500^2 grid chosen before the FFT-speed-aware
   * size choice (1536^2 now).
   */
  @Param({"2.6"})
  public double sigmaMax;

  double[] uvw;
  double[] freq;
  float[] vis;
  float[] weights;
  double[] image;
  WGridder gridder;
  PreparedGridding prepared;

  @Setup
  public void setup() {
    Random r = new Random(1);
    freq = new double[N_CHAN];
    for (int c = 0; c < N_CHAN; c++) {
      freq[c] = 150e6 + 1e6 * c;
    }
    double lambda = VisibilityBlock.C / 160e6;
    double sUv = uvFill / (2 * CELL) * lambda;
    uvw = new double[3 * N_ROWS];
    for (int i = 0; i < N_ROWS; i++) {
      uvw[3 * i] = r.nextGaussian() * sUv;
      uvw[3 * i + 1] = r.nextGaussian() * sUv;
      uvw[3 * i + 2] = (2 * r.nextDouble() - 1) * 400 * lambda;
    }
    vis = new float[2 * N_VIS];
    weights = new float[N_VIS];
    for (int i = 0; i < N_VIS; i++) {
      vis[2 * i] = (float) r.nextGaussian();
      vis[2 * i + 1] = (float) r.nextGaussian();
      weights[i] = 1f;
    }
    image = new double[NPIX * NPIX];
    for (int i = 0; i < image.length; i++) {
      image[i] = r.nextGaussian();
    }
    gridder =
        new WGridder(
            new GridderParams(
                NPIX, NPIX, CELL, CELL, epsilon, wGridding, precision, 1, 1.1, sigmaMax));
    System.out.println("\nsetup: " + gridder.setup(uvw, freq, weights));
    prepared = gridder.prepare(uvw, freq, weights);
  }

  /** Four times the rows (4 M visibilities) on the same image and uv distribution. */
  static final int N_ROWS_4M = 4 * N_ROWS;

  double[] uvw4;
  float[] vis4;
  float[] weights4;
  PreparedGridding prepared4;

  /**
   * The 4 M-visibility data set, made on first use only (the 1 M benchmarks do not pay for it):
   * the same distributions as {@link #setup()}, so vis/s at 1 M and 4 M show how the fixed FFT
   * and image costs are amortised.
   */
  private void ensure4M() {
    if (uvw4 != null) {
      return;
    }
    Random r = new Random(2);
    double lambda = VisibilityBlock.C / 160e6;
    double sUv = uvFill / (2 * CELL) * lambda;
    uvw4 = new double[3 * N_ROWS_4M];
    for (int i = 0; i < N_ROWS_4M; i++) {
      uvw4[3 * i] = r.nextGaussian() * sUv;
      uvw4[3 * i + 1] = r.nextGaussian() * sUv;
      uvw4[3 * i + 2] = (2 * r.nextDouble() - 1) * 400 * lambda;
    }
    int n = N_ROWS_4M * N_CHAN;
    vis4 = new float[2 * n];
    weights4 = new float[n];
    for (int i = 0; i < n; i++) {
      vis4[2 * i] = (float) r.nextGaussian();
      vis4[2 * i + 1] = (float) r.nextGaussian();
      weights4[i] = 1f;
    }
    prepared4 = gridder.prepare(uvw4, freq, weights4);
  }

  /** Visibilities to dirty image. */
  @Benchmark
  @OperationsPerInvocation(N_VIS)
  public double[] ms2dirty() {
    return gridder.ms2dirty(uvw, freq, vis, weights);
  }

  /** Image to visibilities. */
  @Benchmark
  @OperationsPerInvocation(N_VIS)
  public float[] dirty2ms() {
    return gridder.dirty2ms(uvw, freq, image, weights);
  }

  /** Visibilities to dirty image, 4 M visibilities per call. */
  @Benchmark
  @OperationsPerInvocation(4 * N_VIS)
  public double[] ms2dirty4M() {
    ensure4M();
    return gridder.ms2dirty(uvw4, freq, vis4, weights4);
  }

  /** Image to visibilities, 4 M visibilities per call. */
  @Benchmark
  @OperationsPerInvocation(4 * N_VIS)
  public float[] dirty2ms4M() {
    ensure4M();
    return gridder.dirty2ms(uvw4, freq, image, weights4);
  }

  /** Visibilities to dirty image on a plan made once ({@link WGridder#prepare}). */
  @Benchmark
  @OperationsPerInvocation(N_VIS)
  public double[] ms2dirtyPrepared() {
    return prepared.ms2dirty(vis);
  }

  /** Image to visibilities on a plan made once. */
  @Benchmark
  @OperationsPerInvocation(N_VIS)
  public float[] dirty2msPrepared() {
    return prepared.dirty2ms(image);
  }

  /** Visibilities to dirty image on a plan made once, 4 M visibilities per call. */
  @Benchmark
  @OperationsPerInvocation(4 * N_VIS)
  public double[] ms2dirty4MPrepared() {
    ensure4M();
    return prepared4.ms2dirty(vis4);
  }

  /** Image to visibilities on a plan made once, 4 M visibilities per call. */
  @Benchmark
  @OperationsPerInvocation(4 * N_VIS)
  public float[] dirty2ms4MPrepared() {
    ensure4M();
    return prepared4.dirty2ms(image);
  }
}
