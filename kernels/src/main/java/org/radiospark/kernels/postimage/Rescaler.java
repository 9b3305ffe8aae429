package org.radiospark.kernels.postimage;

import java.util.ArrayList;
import java.util.List;
import org.radiospark.kernels.coords.SinProjection;
import org.radiospark.kernels.model.Image;
import org.radiospark.kernels.sourcefinding.ClippedStatistics;
import org.radiospark.kernels.sourcefinding.CrossMatch;
import org.radiospark.kernels.sourcefinding.SourceComponent;

/**
 * The GLEAM-X rescale step: statistics of the cross-match and the corrections they imply.
 *
 * <p>For every match with signal to noise at least {@code minSnr}: the offsets measured - reference
 * {@code dRA = (ra_m - ra_r) cos(dec_r)} and {@code dDec = dec_m - dec_r} (arcsec) and the flux
 * ratio {@code S_int,measured / S_reference}. Each gets sigma-clipped statistics ({@link
 * ClippedStatistics}) and clipped polynomial fits against RA and against Dec ({@link
 * Polynomial1D}). The corrections, as the GLEAM-X drift-scan rescaling applies them: fluxes are
 * divided by the ratio's polynomial in Dec (the direction in which the primary-beam model errors of
 * a meridian drift scan vary); positions are shifted by the clipped mean offsets.
 */
public final class Rescaler {
  private Rescaler() {}

  /** A clipped fit and the points it kept. */
  public record Fit(Polynomial1D poly, boolean[] kept) {}

  /**
   * The analysis of one cross-match.
   *
   * @param raDeg reference RA of each used match
   * @param decDeg reference Dec of each used match
   * @param dRaArcsec RA offset on the sky, measured - reference
   * @param dDecArcsec Dec offset
   * @param ratio measured / reference integrated flux
   * @param dRaStats clipped statistics of dRaArcsec
   * @param dDecStats clipped statistics of dDecArcsec
   * @param ratioStats clipped statistics of ratio
   * @param dRaVsRa fit of dRA against RA (and so on for the other five)
   * @param dRaVsDec fit of dRA against Dec
   * @param dDecVsRa fit of dDec against RA
   * @param dDecVsDec fit of dDec against Dec
   * @param ratioVsRa fit of the ratio against RA
   * @param ratioVsDec fit of the ratio against Dec: the flux correction
   */
  public record Analysis(
      double[] raDeg,
      double[] decDeg,
      double[] dRaArcsec,
      double[] dDecArcsec,
      double[] ratio,
      ClippedStatistics dRaStats,
      ClippedStatistics dDecStats,
      ClippedStatistics ratioStats,
      Fit dRaVsRa,
      Fit dRaVsDec,
      Fit dDecVsRa,
      Fit dDecVsDec,
      Fit ratioVsRa,
      Fit ratioVsDec) {

    /** Number of matches used. */
    public int count() {
      return raDeg.length;
    }

    /** The flux multiplier at declination {@code decDeg}: 1 / fitted ratio. */
    public double fluxFactor(double dec) {
      return 1 / ratioVsDec.poly().value(dec);
    }

    /** The component with fluxes rescaled and position shifted by the mean offsets. */
    public SourceComponent rescale(SourceComponent c) {
      double cosd = Math.cos(Math.toRadians(c.decDeg()));
      double ra = c.raDeg() - dRaStats.mean() / 3600 / Math.max(cosd, 1e-12);
      double dec = c.decDeg() - dDecStats.mean() / 3600;
      ra = ((ra % 360) + 360) % 360;
      return c.withPosition(c.xPix(), c.yPix(), ra, dec).withFluxScale(fluxFactor(c.decDeg()));
    }

    /** Every component rescaled. */
    public List<SourceComponent> rescale(List<SourceComponent> cs) {
      return cs.stream().map(this::rescale).toList();
    }

    /** The image with every pixel multiplied by the flux factor at its declination. O(pixels). */
    public Image rescale(Image in) {
      int nx = in.nx();
      double[] out = new double[in.pixels().length];
      for (int y = 0; y < in.ny(); y++) {
        for (int x = 0; x < nx; x++) {
          double dec = Math.toDegrees(SinProjection.pixelToSky(in.geometry(), x, y)[1]);
          out[y * nx + x] = in.pixels()[y * nx + x] * fluxFactor(dec);
        }
      }
      return in.withPixels(out);
    }
  }

  /**
   * Analyses a cross-match.
   *
   * @throws IllegalArgumentException when fewer than order + 2 matches pass the cut
   */
  public static Analysis analyse(List<CrossMatch.Match> matches, RescaleParameters p) {
    List<CrossMatch.Match> used = new ArrayList<>();
    for (CrossMatch.Match m : matches) {
      if (m.component().snr() >= p.minSnr()
          && m.reference().fluxJy() > 0
          && m.component().intFlux() > 0) {
        used.add(m);
      }
    }
    int n = used.size();
    if (n < p.order() + 2) {
      throw new IllegalArgumentException(
          n + " matches above SNR " + p.minSnr() + ": too few for order " + p.order());
    }
    double[] ra = new double[n];
    double[] dec = new double[n];
    double[] dRa = new double[n];
    double[] dDec = new double[n];
    double[] ratio = new double[n];
    for (int i = 0; i < n; i++) {
      CrossMatch.Match m = used.get(i);
      ra[i] = m.reference().raDeg();
      dec[i] = m.reference().decDeg();
      double dra = m.component().raDeg() - ra[i];
      dra -= 360 * Math.round(dra / 360);
      dRa[i] = dra * Math.cos(Math.toRadians(dec[i])) * 3600;
      dDec[i] = (m.component().decDeg() - dec[i]) * 3600;
      ratio[i] = m.component().intFlux() / m.reference().fluxJy();
    }
    // RA as a continuous coordinate across 0/360: unwrap about the first source.
    double[] raCont = ra.clone();
    for (int i = 0; i < n; i++) {
      raCont[i] = ra[0] + (((ra[i] - ra[0]) % 360 + 540) % 360 - 180);
    }
    return new Analysis(
        raCont,
        dec,
        dRa,
        dDec,
        ratio,
        ClippedStatistics.of(dRa, p.clipSigma(), p.maxIter()),
        ClippedStatistics.of(dDec, p.clipSigma(), p.maxIter()),
        ClippedStatistics.of(ratio, p.clipSigma(), p.maxIter()),
        fit(raCont, dRa, p),
        fit(dec, dRa, p),
        fit(raCont, dDec, p),
        fit(dec, dDec, p),
        fit(raCont, ratio, p),
        fit(dec, ratio, p));
  }

  private static Fit fit(double[] x, double[] z, RescaleParameters p) {
    boolean[] kept = new boolean[x.length];
    return new Fit(
        Polynomial1D.fitClipped(x, z, p.order(), p.clipSigma(), p.maxIter(), kept), kept);
  }
}
