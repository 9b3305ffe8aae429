package org.radiospark.kernels.pulsar;

/**
 * A periodicity candidate.
 *
 * @param dm trial DM, pc cm^-3
 * @param freqHz fundamental frequency, Hz
 * @param numHarm harmonics summed (1, 2, 4, 8 or 16)
 * @param power summed normalised power (unit mean per harmonic)
 * @param sigma equivalent Gaussian significance after the trials correction
 * @param dmHits number of DM trials in which sifting found it (1 before sifting)
 */
public record Candidate(
    double dm, double freqHz, int numHarm, double power, double sigma, int dmHits) {
  /** Period, seconds. */
  public double periodSec() {
    return 1.0 / freqHz;
  }

  /** This candidate with another DM-hit count. */
  public Candidate withDmHits(int hits) {
    return new Candidate(dm, freqHz, numHarm, power, sigma, hits);
  }
}
