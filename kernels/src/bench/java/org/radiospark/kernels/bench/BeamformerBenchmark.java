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
import org.radiospark.kernels.beamform.BeamformParams;
import org.radiospark.kernels.beamform.TiedArrayBeamformer;

/**
 * Single-thread tied-array beamforming of one fine channel for one second: {@value #TILES} tiles x
 * 2 polarisations x {@value #SAMPLES} samples x {@value #BEAMS} beams, detected to Stokes I with
 * the tiles' own power removed and averaged by 4 ({@code radiospark beamform}'s defaults). JMH's
 * ops/s is samples x tiles x beams per second per core; divide by 10,000 x 128 to get
 * pointing x fine-channel x seconds per second, and by 128 more for coarse channels. Run as {@link
 * GriddingBenchmark} says, with {@code BeamformerBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
public class BeamformerBenchmark {
  static final int TILES = 128;
  static final int SAMPLES = 10_000;
  static final int BEAMS = 24;
  static final int OPS = TILES * SAMPLES * BEAMS;

  /** Full Stokes (IQUV) or I only. */
  @Param({"false"})
  public boolean fullStokes;

  float[][] re;
  float[][] im;
  float[][] weights;
  float[][][] out;
  BeamformParams params;

  @Setup
  public void setup() {
    Random r = new Random(1);
    re = new float[2 * TILES][SAMPLES];
    im = new float[2 * TILES][SAMPLES];
    for (int k = 0; k < 2 * TILES; k++) {
      for (int t = 0; t < SAMPLES; t++) {
        re[k][t] = r.nextInt(16) - 8;
        im[k][t] = r.nextInt(16) - 8;
      }
    }
    weights = new float[BEAMS][4 * TILES];
    for (float[] w : weights) {
      for (int i = 0; i < w.length; i++) {
        w[i] = (float) r.nextGaussian() / TILES;
      }
    }
    params = new BeamformParams(4, fullStokes, true);
    out = new float[BEAMS][params.nStokes()][SAMPLES / 4];
  }

  @Benchmark
  @OperationsPerInvocation(OPS)
  public float[][][] form() {
    TiedArrayBeamformer.form(re, im, weights, params, out, 0);
    return out;
  }
}
