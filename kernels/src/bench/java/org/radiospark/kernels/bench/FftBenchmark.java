package org.radiospark.kernels.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.radiospark.kernels.fft.Fft2D;

/**
 * Time of one in-place 4096 x 4096 complex 2-D FFT ({@link Fft2D#forward}) in float and double on
 * a caller-set thread count. Run as {@link GriddingBenchmark} says, with {@code FftBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgs = {"-Xmx3g"})
public class FftBenchmark {
  @Param({"4096"})
  public int n;

  @Param({"1", "2"})
  public int threads;

  double[] d;
  float[] f;
  Fft2D fft;

  @Setup
  public void setup() {
    Random r = new Random(2);
    d = new double[2 * n * n];
    f = new float[2 * n * n];
    for (int i = 0; i < d.length; i++) {
      d[i] = r.nextGaussian();
      f[i] = (float) d[i];
    }
    fft = Fft2D.of(n, n);
  }

  @Benchmark
  public double[] doubleForward() {
    fft.forward(d, threads);
    return d;
  }

  @Benchmark
  public float[] floatForward() {
    fft.forward(f, threads);
    return f;
  }
}
