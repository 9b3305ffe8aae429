package org.radiospark.kernels.simulation;

import java.util.Arrays;
import java.util.Objects;
import org.radiospark.kernels.model.PhaseCentre;
import org.radiospark.kernels.model.Stokes;

/**
 * Everything an observation simulation needs besides the array and the sky: immutable and
 * validated. Build one with {@link #builder(PhaseCentre, double)}.
 *
 * @param phaseCentre phase-tracking centre, J2000
 * @param startUtcMjdSec start of the first integration, UTC MJD seconds
 * @param nTimes number of integrations
 * @param integrationSec length of each integration, seconds (samples are at their centres)
 * @param freqHz channel centres, Hz
 * @param chanWidthHz channel widths, Hz (recorded only: no bandwidth smearing is simulated)
 * @param pols correlation products, all linear or all circular
 * @param noiseSigmaJy thermal noise standard deviation of each real and imaginary part, Jy
 * @param gainPhaseRmsRad rms of the random gain phase per antenna and feed, radians
 * @param gainAmplitudeRms rms of the random fractional gain amplitude error per antenna and feed
 * @param leakageRms rms of each real and imaginary part of the off-diagonal Jones terms (0: none)
 * @param elevationLimitRad samples of times when the phase centre is below this elevation at the
 *     array centre are flagged (not dropped)
 * @param dut1Sec UT1 - UTC, seconds
 * @param seed seed of every random draw (gains, noise)
 * @param nThreads threads of the predict
 */
public record SimulationParameters(
    PhaseCentre phaseCentre,
    double startUtcMjdSec,
    int nTimes,
    double integrationSec,
    double[] freqHz,
    double[] chanWidthHz,
    Stokes[] pols,
    double noiseSigmaJy,
    double gainPhaseRmsRad,
    double gainAmplitudeRms,
    double leakageRms,
    double elevationLimitRad,
    double dut1Sec,
    long seed,
    int nThreads) {

  /** The default products: linear feeds in the UVFITS (AIPS) order XX YY XY YX. */
  public static final Stokes[] LINEAR = {Stokes.XX, Stokes.YY, Stokes.XY, Stokes.YX};

  /** Circular feeds in the UVFITS (AIPS) order RR LL RL LR. */
  public static final Stokes[] CIRCULAR = {Stokes.RR, Stokes.LL, Stokes.RL, Stokes.LR};

  public SimulationParameters {
    Objects.requireNonNull(phaseCentre, "phaseCentre");
    Objects.requireNonNull(freqHz, "freqHz");
    Objects.requireNonNull(chanWidthHz, "chanWidthHz");
    Objects.requireNonNull(pols, "pols");
    require(Double.isFinite(startUtcMjdSec), "start time must be finite");
    require(nTimes >= 1, "nTimes must be at least 1: " + nTimes);
    require(integrationSec > 0 && Double.isFinite(integrationSec), "integration must be > 0");
    require(freqHz.length >= 1, "need at least one channel");
    require(chanWidthHz.length == freqHz.length, "chanWidthHz must match freqHz in length");
    for (int c = 0; c < freqHz.length; c++) {
      require(freqHz[c] > 0 && Double.isFinite(freqHz[c]), "frequencies must be > 0");
      require(chanWidthHz[c] > 0 && Double.isFinite(chanWidthHz[c]), "widths must be > 0");
    }
    require(pols.length >= 1, "need at least one correlation product");
    boolean linear = true;
    boolean circular = true;
    for (Stokes s : pols) {
      Objects.requireNonNull(s, "pols");
      linear &= s.isLinear();
      circular &= s.isCircular();
    }
    require(
        linear || circular, "pols must be all linear or all circular: " + Arrays.toString(pols));
    require(noiseSigmaJy >= 0 && Double.isFinite(noiseSigmaJy), "noise sigma must be >= 0");
    require(gainPhaseRmsRad >= 0 && Double.isFinite(gainPhaseRmsRad), "phase rms must be >= 0");
    require(gainAmplitudeRms >= 0 && gainAmplitudeRms < 1, "amplitude rms must be in [0, 1)");
    require(leakageRms >= 0 && leakageRms < 1, "leakage rms must be in [0, 1)");
    require(Math.abs(elevationLimitRad) <= Math.PI / 2, "elevation limit out of range");
    require(Math.abs(dut1Sec) < 1, "|UT1 - UTC| must be < 1 s");
    require(nThreads >= 1, "nThreads must be >= 1");
    freqHz = freqHz.clone();
    chanWidthHz = chanWidthHz.clone();
    pols = pols.clone();
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  /** Channel centres, Hz (a copy). */
  @Override
  public double[] freqHz() {
    return freqHz.clone();
  }

  /** Channel widths, Hz (a copy). */
  @Override
  public double[] chanWidthHz() {
    return chanWidthHz.clone();
  }

  /** Correlation products (a copy). */
  @Override
  public Stokes[] pols() {
    return pols.clone();
  }

  /**
   * A builder with defaults: one 1 s integration, one 1 MHz channel at 150 MHz, linear products, no
   * noise, perfect gains, horizon limit 0, dut1 0, seed 1, one thread.
   */
  public static Builder builder(PhaseCentre phaseCentre, double startUtcMjdSec) {
    return new Builder(phaseCentre, startUtcMjdSec);
  }

  /** A builder starting from these parameters. */
  public Builder toBuilder() {
    Builder b = new Builder(phaseCentre, startUtcMjdSec);
    b.nTimes = nTimes;
    b.integrationSec = integrationSec;
    b.freqHz = freqHz.clone();
    b.chanWidthHz = chanWidthHz.clone();
    b.pols = pols.clone();
    b.noiseSigmaJy = noiseSigmaJy;
    b.gainPhaseRmsRad = gainPhaseRmsRad;
    b.gainAmplitudeRms = gainAmplitudeRms;
    b.leakageRms = leakageRms;
    b.elevationLimitRad = elevationLimitRad;
    b.dut1Sec = dut1Sec;
    b.seed = seed;
    b.nThreads = nThreads;
    return b;
  }

  /** Mutable builder of {@link SimulationParameters}; validation happens in {@link #build()}. */
  public static final class Builder {
    private final PhaseCentre phaseCentre;
    private final double startUtcMjdSec;
    private int nTimes = 1;
    private double integrationSec = 1;
    private double[] freqHz = {150e6};
    private double[] chanWidthHz = {1e6};
    private Stokes[] pols = LINEAR;
    private double noiseSigmaJy;
    private double gainPhaseRmsRad;
    private double gainAmplitudeRms;
    private double leakageRms;
    private double elevationLimitRad;
    private double dut1Sec;
    private long seed = 1;
    private int nThreads = 1;

    private Builder(PhaseCentre phaseCentre, double startUtcMjdSec) {
      this.phaseCentre = phaseCentre;
      this.startUtcMjdSec = startUtcMjdSec;
    }

    /** {@code n} integrations of {@code seconds} each. */
    public Builder times(int n, double seconds) {
      this.nTimes = n;
      this.integrationSec = seconds;
      return this;
    }

    /** Channel centres and widths, Hz. */
    public Builder channels(double[] freqHz, double[] widthHz) {
      this.freqHz = freqHz.clone();
      this.chanWidthHz = widthHz.clone();
      return this;
    }

    /**
     * {@code n} contiguous channels of {@code widthHz} starting with the centre {@code firstHz}.
     */
    public Builder channels(double firstHz, double widthHz, int n) {
      double[] f = new double[n];
      double[] w = new double[n];
      for (int c = 0; c < n; c++) {
        f[c] = firstHz + c * widthHz;
        w[c] = widthHz;
      }
      return channels(f, w);
    }

    /** Correlation products, all linear or all circular (default XX YY XY YX). */
    public Builder pols(Stokes... pols) {
      this.pols = pols.clone();
      return this;
    }

    /** Thermal noise rms of each real and imaginary part, Jy (default 0). */
    public Builder noiseSigmaJy(double sigma) {
      this.noiseSigmaJy = sigma;
      return this;
    }

    /** Random gain errors: phase rms (radians) and fractional amplitude rms. */
    public Builder gainErrors(double phaseRmsRad, double amplitudeRms) {
      this.gainPhaseRmsRad = phaseRmsRad;
      this.gainAmplitudeRms = amplitudeRms;
      return this;
    }

    /** Rms of each part of the off-diagonal Jones terms (default 0: diagonal gains). */
    public Builder leakageRms(double rms) {
      this.leakageRms = rms;
      return this;
    }

    /** Integrations with the phase centre below this elevation are flagged (default 0). */
    public Builder elevationLimitRad(double limit) {
      this.elevationLimitRad = limit;
      return this;
    }

    /** UT1 - UTC in seconds (default 0). */
    public Builder dut1Sec(double dut1) {
      this.dut1Sec = dut1;
      return this;
    }

    /** Seed of the gain and noise draws (default 1). */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Threads of the predict (default 1). */
    public Builder nThreads(int n) {
      this.nThreads = n;
      return this;
    }

    /**
     * @throws IllegalArgumentException when a parameter is out of range
     */
    public SimulationParameters build() {
      return new SimulationParameters(
          phaseCentre,
          startUtcMjdSec,
          nTimes,
          integrationSec,
          freqHz,
          chanWidthHz,
          pols,
          noiseSigmaJy,
          gainPhaseRmsRad,
          gainAmplitudeRms,
          leakageRms,
          elevationLimitRad,
          dut1Sec,
          seed,
          nThreads);
    }
  }
}
