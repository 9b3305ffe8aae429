package org.radiospark.kernels.polarisation.faraday;

/**
 * A uniformly sampled Faraday-depth axis: {@code phi_j = startRadM2 + j * stepRadM2}, {@code j = 0
 * .. n-1}, in rad m^-2.
 *
 * @param startRadM2 Faraday depth of the first sample
 * @param stepRadM2 spacing, positive
 * @param n number of samples, at least 3 (a parabola needs three points)
 */
public record PhiAxis(double startRadM2, double stepRadM2, int n) {
  /** Validates the axis. */
  public PhiAxis {
    if (!Double.isFinite(startRadM2)) {
      throw new IllegalArgumentException("Faraday-depth start must be finite: " + startRadM2);
    }
    if (!(stepRadM2 > 0) || !Double.isFinite(stepRadM2)) {
      throw new IllegalArgumentException("Faraday-depth step must be > 0: " + stepRadM2);
    }
    if (n < 3) {
      throw new IllegalArgumentException("a Faraday-depth axis needs at least 3 samples: " + n);
    }
  }

  /**
   * RM-Tools' axis: zero on the middle sample, {@code n = 2 round(phiMax / dPhi) + 1} samples of
   * {@code dPhi}, so it spans about {@code [-phiMax, +phiMax]}.
   */
  public static PhiAxis centred(double phiMaxRadM2, double dPhiRadM2) {
    if (!(phiMaxRadM2 > 0) || !(dPhiRadM2 > 0)) {
      throw new IllegalArgumentException(
          "phiMax and dPhi must be > 0: " + phiMaxRadM2 + ", " + dPhiRadM2);
    }
    long half = Math.round(phiMaxRadM2 / dPhiRadM2);
    if (half < 1 || half > 5_000_000) {
      throw new IllegalArgumentException(
          "phiMax / dPhi must be between 1 and 5e6: " + phiMaxRadM2 / dPhiRadM2);
    }
    int n = (int) (2 * half + 1);
    return new PhiAxis(-half * dPhiRadM2, dPhiRadM2, n);
  }

  /** Faraday depth of sample {@code j}, rad m^-2. */
  public double value(int j) {
    return startRadM2 + j * stepRadM2;
  }

  /** All sample values. */
  public double[] values() {
    double[] v = new double[n];
    for (int j = 0; j < n; j++) {
      v[j] = value(j);
    }
    return v;
  }

  /** Faraday depth of the last sample. */
  public double endRadM2() {
    return value(n - 1);
  }

  /**
   * The axis of the RM spread function used by RM-CLEAN: the same spacing extended by {@code
   * ceil(n/2)} samples on each side, so that the RMSF centred on any sample of this axis covers the
   * whole of it (RM-Tools' "double" RMSF). Sample {@code j} of this axis is sample {@code j +
   * ceil(n/2)} of the doubled one.
   */
  public PhiAxis doubled() {
    int ext = padding();
    return new PhiAxis(startRadM2 - ext * stepRadM2, stepRadM2, n + 2 * ext);
  }

  /** The number of samples {@link #doubled()} adds on each side: {@code ceil(n / 2)}. */
  public int padding() {
    return (n + 1) / 2;
  }
}
