package org.radiospark.kernels.model;

/**
 * Polarisation products with their AIPS/UVFITS {@code STOKES} axis codes: 1..4 for I Q U V, -1..-4
 * for RR LL RL LR (circular feeds), -5..-8 for XX YY XY YX (linear feeds).
 */
public enum Stokes {
  I(1),
  Q(2),
  U(3),
  V(4),
  RR(-1),
  LL(-2),
  RL(-3),
  LR(-4),
  XX(-5),
  YY(-6),
  XY(-7),
  YX(-8);

  private final int code;

  Stokes(int code) {
    this.code = code;
  }

  /** The AIPS {@code STOKES} code. */
  public int code() {
    return code;
  }

  public boolean isCircular() {
    return code <= -1 && code >= -4;
  }

  public boolean isLinear() {
    return code <= -5 && code >= -8;
  }

  public boolean isStokes() {
    return code >= 1;
  }

  /** Whether this correlation pairs a feed with itself (XX, YY, RR, LL). */
  public boolean isParallelHand() {
    return this == XX || this == YY || this == RR || this == LL;
  }

  /**
   * @throws IllegalArgumentException for a code that is not one of the twelve
   */
  public static Stokes fromCode(int code) {
    for (Stokes s : values()) {
      if (s.code == code) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown STOKES code " + code);
  }
}
