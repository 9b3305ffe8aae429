package org.radiospark.kernels.polarisation.faraday;

/**
 * A complex function sampled on an axis (an FDF, an RMSF, CLEAN components): {@code re[j] + i
 * im[j]}. The arrays are owned by the record (not copied) and must have the same length.
 *
 * @param re real parts (Stokes Q-like)
 * @param im imaginary parts (Stokes U-like)
 */
public record ComplexSpectrum(double[] re, double[] im) {
  /** Validates the lengths. */
  public ComplexSpectrum {
    if (re.length != im.length) {
      throw new IllegalArgumentException(
          "real and imaginary parts differ in length: " + re.length + " vs " + im.length);
    }
  }

  /** A zero spectrum of {@code n} samples. */
  public static ComplexSpectrum zeros(int n) {
    return new ComplexSpectrum(new double[n], new double[n]);
  }

  /** Number of samples. */
  public int length() {
    return re.length;
  }

  /** {@code |F_j|}. */
  public double abs(int j) {
    return Math.hypot(re[j], im[j]);
  }

  /** {@code |F|} at every sample. */
  public double[] amplitudes() {
    double[] a = new double[re.length];
    for (int j = 0; j < a.length; j++) {
      a[j] = abs(j);
    }
    return a;
  }

  /** A deep copy. */
  public ComplexSpectrum copy() {
    return new ComplexSpectrum(re.clone(), im.clone());
  }

  /** This spectrum times the real factor {@code s}, as a new spectrum. */
  public ComplexSpectrum scaled(double s) {
    double[] r = new double[re.length];
    double[] i = new double[re.length];
    for (int j = 0; j < r.length; j++) {
      r[j] = s * re[j];
      i[j] = s * im[j];
    }
    return new ComplexSpectrum(r, i);
  }
}
