package org.radiospark.kernels.beamform;

/**
 * Phase weights of a tied-array beam: the conjugate of the phase a plane wave from the pointing
 * picks up on its way to each receiver input.
 *
 * <p>For tile {@code a}, polarisation {@code p} and frequency {@code nu}, the delay relative to the
 * array centre is {@code tau = (w_a - L_ap) / c} with geometric path {@code w_a = r_a . s} (ENU
 * position dotted with the ENU unit vector of the pointing; positive for tiles nearer the source,
 * whose signal arrives early) and electrical cable length {@code L_ap}. The voltage of a narrow
 * fine channel carries {@code exp(+2 pi i nu tau)}; the weight is {@code exp(i phi)} with {@code
 * phi = -2 pi frac(nu tau)} (vcstools' {@code get_delays}; the fractional part keeps the float
 * phase exact for delays of thousands of turns).
 */
public final class BeamWeights {
  /** Speed of light, m/s. */
  public static final double C = 299_792_458.0;

  private BeamWeights() {}

  /** {@code frac(nu tau)} in turns, in [0, 1), for tile {@code a}, polarisation {@code p}. */
  public static double delayTurns(TiedArray array, int a, int p, double[] dirEnu, double freqHz) {
    double tau = (array.geometricPathM(a, dirEnu) - array.cableM()[a][p]) / C;
    double turns = freqHz * tau;
    return turns - Math.floor(turns);
  }

  /**
   * Weights {@code exp(-2 pi i frac(nu tau)) / N} for the tiles {@code tiles} at one frequency.
   *
   * @param tiles the tiles summed ({@code N = tiles.length})
   * @param dirEnu ENU unit vector of the pointing ({@link Pointing#directionEnu})
   * @param freqHz frequency of the fine channel, Hz
   * @return {@code w[(j * 2 + p) * 2]} real and {@code [... + 1]} imaginary part for tile {@code
   *     tiles[j]}, polarisation {@code p}
   */
  public static float[] compute(TiedArray array, int[] tiles, double[] dirEnu, double freqHz) {
    float[] w = new float[tiles.length * 4];
    double norm = 1.0 / tiles.length;
    for (int j = 0; j < tiles.length; j++) {
      for (int p = 0; p < 2; p++) {
        double phi = -2 * Math.PI * delayTurns(array, tiles[j], p, dirEnu, freqHz);
        w[(j * 2 + p) * 2] = (float) (norm * Math.cos(phi));
        w[(j * 2 + p) * 2 + 1] = (float) (norm * Math.sin(phi));
      }
    }
    return w;
  }
}
