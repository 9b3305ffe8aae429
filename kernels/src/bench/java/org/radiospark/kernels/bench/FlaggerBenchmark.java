package org.radiospark.kernels.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.radiospark.kernels.flagging.FlagParameters;
import org.radiospark.kernels.flagging.FlagResult;
import org.radiospark.kernels.flagging.VisibilityFlagger;
import org.radiospark.kernels.model.PhaseCentre;
import org.radiospark.kernels.model.Stokes;
import org.radiospark.kernels.model.VisibilityBlock;

/**
 * Samples (row x channel x polarisation) per second of {@link VisibilityFlagger#flag} with the
 * default strategy on one thread: 16 antennas (120 baselines) x 64 time steps x 128 channels x 4
 * polarisations of noise with a narrow-band line and a broadband burst. JMH's ops/s is samples/s
 * per core. Run as {@link GriddingBenchmark} says, with {@code FlaggerBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class FlaggerBenchmark {
  static final int ANTENNAS = 16;
  static final int TIMES = 64;
  static final int CHANNELS = 128;
  static final int SAMPLES = ANTENNAS * (ANTENNAS - 1) / 2 * TIMES * CHANNELS * 4;

  VisibilityBlock block;
  FlagParameters params;

  @Setup
  public void setup() {
    int nBl = ANTENNAS * (ANTENNAS - 1) / 2;
    int rows = nBl * TIMES;
    double[] u = new double[rows];
    double[] v = new double[rows];
    int[] a1 = new int[rows];
    int[] a2 = new int[rows];
    double[] t = new double[rows];
    double[] dt = new double[rows];
    int r = 0;
    for (int k = 0; k < TIMES; k++) {
      for (int i = 0; i < ANTENNAS; i++) {
        for (int j = i + 1; j < ANTENNAS; j++) {
          u[r] = 50.0 * (j - i);
          v[r] = 20.0 * (i + j);
          a1[r] = i;
          a2[r] = j;
          t[r] = 5e9 + 4 * k;
          dt[r] = 4;
          r++;
        }
      }
    }
    double[] freq = new double[CHANNELS];
    double[] width = new double[CHANNELS];
    for (int c = 0; c < CHANNELS; c++) {
      freq[c] = 1.5e8 + 4e4 * c;
      width[c] = 4e4;
    }
    block =
        VisibilityBlock.zeros(
            u,
            v,
            new double[rows],
            a1,
            a2,
            t,
            dt,
            freq,
            width,
            new Stokes[] {Stokes.XX, Stokes.YY, Stokes.XY, Stokes.YX},
            PhaseCentre.ofDegrees(0, -27));
    SplittableRandom rng = new SplittableRandom(1);
    float[] vis = block.vis();
    for (int i = 0; i < vis.length; i++) {
      vis[i] = (float) rng.nextGaussian();
    }
    for (int row = 0; row < rows; row++) {
      boolean burst = row / nBl == TIMES / 2;
      for (int c = 0; c < CHANNELS; c++) {
        if (burst || c == 40) {
          for (int p = 0; p < 4; p++) {
            vis[2 * block.index(row, c, p)] += 10f;
          }
        }
      }
    }
    params = FlagParameters.defaults();
  }

  @Benchmark
  @OperationsPerInvocation(SAMPLES)
  public FlagResult flag() {
    return VisibilityFlagger.flag(block, params);
  }
}
