package org.radiospark.kernels.io.vcs;

/**
 * The 4+4-bit complex sample of legacy VCS data: the low nibble is the real part, the high nibble
 * the imaginary part, each a two's-complement 4-bit integer in -8..7 (vcstools {@code form_beam.h}:
 * a nibble {@code v >= 8} means {@code v - 16}).
 */
public final class VcsSample {
  private VcsSample() {}

  /** Real part of a packed byte, -8..7. */
  public static int real(byte b) {
    return ((b & 0x0f) ^ 0x08) - 0x08;
  }

  /** Imaginary part of a packed byte, -8..7. */
  public static int imag(byte b) {
    return (((b >> 4) & 0x0f) ^ 0x08) - 0x08;
  }

  /**
   * Packs a complex sample; each part must be in -8..7.
   *
   * @throws IllegalArgumentException if a part is out of range
   */
  public static byte pack(int re, int im) {
    if (re < -8 || re > 7 || im < -8 || im > 7) {
      throw new IllegalArgumentException("4-bit parts must be in -8..7: " + re + ", " + im);
    }
    return (byte) ((re & 0x0f) | ((im & 0x0f) << 4));
  }

  /** Rounds and clips a value to the 4-bit range -8..7 (what a 4-bit requantiser does). */
  public static int quantise(double v) {
    long q = Math.round(v);
    return (int) Math.max(-8, Math.min(7, q));
  }
}
