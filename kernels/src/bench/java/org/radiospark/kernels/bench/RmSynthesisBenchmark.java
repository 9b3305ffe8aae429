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
import org.radiospark.kernels.polarisation.faraday.ComplexSpectrum;
import org.radiospark.kernels.polarisation.faraday.FdfCube;
import org.radiospark.kernels.polarisation.faraday.PhiAxis;
import org.radiospark.kernels.polarisation.faraday.RmSynthesis;

/**
 * RM-synthesis throughput on one thread: {@code cube} is one {@link FdfCube#transform} of {@code
 * nPix} spectra (float, the spectral pipeline's tile transform); {@code spectra1d} is the same
 * pixels through the double-precision single-spectrum path {@link RmSynthesis#fdf}. The figure of
 * merit is {@code nPix x nChan x nPhi / time} (pixel-channel-phi samples per second per core);
 * nPhi = 2 round(phiMax / dPhi) + 1 = 1001 here. Run as {@link GriddingBenchmark} says, with
 * {@code RmSynthesisBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class RmSynthesisBenchmark {
  @Param({"256"})
  public int nPix;

  @Param({"288", "1024"})
  public int nChan;

  /** Faraday-depth samples: 2 x 500 + 1. */
  public static final int HALF_PHI = 500;

  float[] q;
  float[] u;
  double[][] qd;
  double[][] ud;
  float[] re;
  float[] im;
  FdfCube cube;
  RmSynthesis plan;

  @Setup
  public void setup() {
    Random r = new Random(4);
    double[] freq = new double[nChan];
    double[] w = new double[nChan];
    for (int i = 0; i < nChan; i++) {
      freq[i] = 800e6 + 288e6 * i / (nChan - 1);
      w[i] = 1.0;
    }
    double[] l2 = RmSynthesis.lambdaSquared(freq);
    double dphi = RmSynthesis.fwhmAnalytic(l2) / 10;
    plan = RmSynthesis.plan(l2, w, PhiAxis.centred(HALF_PHI * dphi, dphi));
    cube = plan.cubeTransform();
    q = new float[nPix * nChan];
    u = new float[nPix * nChan];
    qd = new double[nPix][nChan];
    ud = new double[nPix][nChan];
    for (int k = 0; k < q.length; k++) {
      q[k] = (float) r.nextGaussian();
      u[k] = (float) r.nextGaussian();
      qd[k / nChan][k % nChan] = q[k];
      ud[k / nChan][k % nChan] = u[k];
    }
    int np = plan.axis().n();
    re = new float[nPix * np];
    im = new float[nPix * np];
  }

  @Benchmark
  public float[] cube() {
    cube.transform(q, u, nPix, re, im);
    return re;
  }

  @Benchmark
  public double spectra1d() {
    double s = 0;
    for (int p = 0; p < nPix; p++) {
      ComplexSpectrum f = plan.fdf(qd[p], ud[p]);
      s += f.re()[0];
    }
    return s;
  }
}
