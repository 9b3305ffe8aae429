package org.radiospark.kernels.polarisation.faraday;

/**
 * Per-pixel FDF peak quantities of a cube (the peak Faraday depth, polarised intensity and angle
 * maps of a spectral-imaging pipeline and their errors), measured by {@link FdfPeak#measure} on
 * every pixel of an {@link FdfCube} output. Arrays are {@code [nPix]}, owned by the record.
 *
 * @param phiPeakRadM2 peak Faraday depth
 * @param dPhiPeakRadM2 its error
 * @param ampPeak peak polarised intensity (FDF units)
 * @param ampPeakEff Ricean-bias-corrected peak
 * @param snr peak over the FDF noise
 * @param polAngleDeg angle at lambda0, [0, 180)
 * @param polAngle0Deg angle derotated to lambda = 0, [0, 180)
 * @param dPolAngle0Deg error of {@code polAngle0Deg}
 */
public record PeakMaps(
    float[] phiPeakRadM2,
    float[] dPhiPeakRadM2,
    float[] ampPeak,
    float[] ampPeakEff,
    float[] snr,
    float[] polAngleDeg,
    float[] polAngle0Deg,
    float[] dPolAngle0Deg) {

  /**
   * Measures every pixel.
   *
   * @param re FDF real parts, {@code [nPix * nPhi]} as {@link FdfCube#transform} writes them
   * @param im FDF imaginary parts, same layout
   * @param nPix number of pixels
   * @param plan the synthesis that made the FDFs (axis, lambda^2, lambda0^2)
   * @param fwhmRadM2 RMSF width
   * @param dFdf noise of Q or U in the FDF (NaN: measure it per pixel from the FDF, robustly)
   */
  public static PeakMaps measure(
      float[] re, float[] im, int nPix, RmSynthesis plan, double fwhmRadM2, double dFdf) {
    PhiAxis axis = plan.axis();
    int np = axis.n();
    if (re.length < (long) nPix * np || im.length < (long) nPix * np) {
      throw new IllegalArgumentException("FDF arrays shorter than nPix * nPhi");
    }
    double[] l2 = plan.lambda2M2();
    double[] w = plan.weights();
    double[] l2Good =
        java.util.stream.IntStream.range(0, l2.length)
            .filter(i -> w[i] > 0)
            .mapToDouble(i -> l2[i])
            .toArray();
    float[][] o = new float[8][nPix];
    double[] r = new double[np];
    double[] i = new double[np];
    for (int p = 0; p < nPix; p++) {
      for (int j = 0; j < np; j++) {
        r[j] = re[p * np + j];
        i[j] = im[p * np + j];
      }
      FdfPeak pk =
          FdfPeak.measure(
              new ComplexSpectrum(r, i), axis, fwhmRadM2, dFdf, l2Good, plan.lambda0SqM2());
      o[0][p] = (float) pk.phiPeakRadM2();
      o[1][p] = (float) pk.dPhiPeakRadM2();
      o[2][p] = (float) pk.ampPeak();
      o[3][p] = (float) pk.ampPeakEff();
      o[4][p] = (float) pk.snr();
      o[5][p] = (float) pk.polAngleDeg();
      o[6][p] = (float) pk.polAngle0Deg();
      o[7][p] = (float) pk.dPolAngle0Deg();
    }
    return new PeakMaps(o[0], o[1], o[2], o[3], o[4], o[5], o[6], o[7]);
  }
}
