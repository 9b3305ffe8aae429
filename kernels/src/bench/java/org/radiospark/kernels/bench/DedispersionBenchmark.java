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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.radiospark.kernels.pulsar.Dedisperser;
import org.radiospark.kernels.pulsar.DynamicSpectrum;

/**
 * Single-thread dedispersion throughput: {@value #DMS} DM trials of {@value #CHANS} channels x
 * {@value #SAMPLES} samples (1500 MHz down in 1.171875 MHz channels, 64 us, DM 0-62), brute force
 * and subband ({@value #SUBBANDS} subbands, 16 trials per subband DM). JMH's ops/s is DM trials x
 * channels x input samples per second per core (the output is 1.6% shorter than the input: the
 * sweep at DM 62). Run as {@link GriddingBenchmark} says, with {@code DedispersionBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class DedispersionBenchmark {
  static final int CHANS = 256;
  static final int SAMPLES = 65536;
  static final int DMS = 32;
  static final int SUBBANDS = 32;
  static final int OPS = DMS * CHANS * SAMPLES;

  DynamicSpectrum data;
  double[] dms;
  int nOut;

  @Setup
  public void setup() {
    Random r = new Random(1);
    float[][] ch = new float[CHANS][SAMPLES];
    double[] f = new double[CHANS];
    for (int c = 0; c < CHANS; c++) {
      f[c] = 1500 - 1.171875 * c;
      for (int t = 0; t < SAMPLES; t++) {
        ch[c][t] = (float) r.nextGaussian();
      }
    }
    data = new DynamicSpectrum(ch, f, 64e-6);
    dms = new double[DMS];
    for (int d = 0; d < DMS; d++) {
      dms[d] = 2.0 * d;
    }
    nOut = Dedisperser.outputLength(data, dms[DMS - 1]);
  }

  @Benchmark
  @OperationsPerInvocation(OPS)
  public float[][] brute() {
    return Dedisperser.brute(data, dms, nOut);
  }

  @Benchmark
  @OperationsPerInvocation(OPS)
  public float[][] subband() {
    return Dedisperser.subband(data, dms, SUBBANDS, 16, nOut);
  }
}
