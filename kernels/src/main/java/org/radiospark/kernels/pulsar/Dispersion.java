package org.radiospark.kernels.pulsar;

/** Cold-plasma dispersion delays. */
public final class Dispersion {
  /**
   * Dispersion constant, s MHz^2 pc^-1 cm^3: {@code t = K DM f^-2} (Lorimer &amp; Kramer 2005, eq.
   * 4.7, with {@code e^2 / (2 pi m_e c)}).
   */
  public static final double K_DM_SEC = 4.148808e3;

  private Dispersion() {}

  /** Delay, seconds, of frequency {@code fMHz} relative to {@code fRefMHz} at {@code dmPcCm3}. */
  public static double delaySec(double dmPcCm3, double fMHz, double fRefMHz) {
    return K_DM_SEC * dmPcCm3 * (1.0 / (fMHz * fMHz) - 1.0 / (fRefMHz * fRefMHz));
  }

  /**
   * Integer sample shifts of every channel relative to {@code fRefMHz}: {@code round(delay /
   * tsamp)}.
   */
  public static int[] shifts(double dmPcCm3, double[] freqsMHz, double fRefMHz, double tsampSec) {
    int[] s = new int[freqsMHz.length];
    for (int c = 0; c < s.length; c++) {
      s[c] = (int) Math.round(delaySec(dmPcCm3, freqsMHz[c], fRefMHz) / tsampSec);
    }
    return s;
  }

  /**
   * Smearing, seconds, of a dispersed pulse across a band {@code bwMHz} wide centred on {@code
   * fMHz} at {@code dmPcCm3}: the derivative form {@code 2 K DM bw / f^3} (8.3 us DM bw_MHz /
   * f_GHz^3).
   */
  public static double smearingSec(double dmPcCm3, double bwMHz, double fMHz) {
    return 2 * K_DM_SEC * Math.abs(dmPcCm3) * Math.abs(bwMHz) / (fMHz * fMHz * fMHz);
  }
}
