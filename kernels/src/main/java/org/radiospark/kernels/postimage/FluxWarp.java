package org.radiospark.kernels.postimage;

import java.util.ArrayList;
import java.util.List;
import org.radiospark.kernels.coords.SinProjection;
import org.radiospark.kernels.model.Image;
import org.radiospark.kernels.model.ImageGeometry;
import org.radiospark.kernels.sourcefinding.CrossMatch;
import org.radiospark.kernels.sourcefinding.SourceComponent;

/**
 * A smooth flux-scale correction as flux_warp makes it: the ratio reference / measured integrated
 * flux of matched sources modelled across the image as {@code exp(P(x, y))} with P a low-order
 * polynomial of the log ratio ({@link Polynomial2D}, clipped), fitted only to components of signal
 * to noise at least {@code minSnr}. A log keeps the factor positive and treats 0.5 and 2 as equal
 * errors. Applied by multiplying image pixels and catalogue fluxes by the factor at their position.
 * Positions are pixels of {@code geometry}; fit it after the astrometric correction, so the
 * reference positions are where the sources are.
 *
 * @param geometry the image grid of the model
 * @param logRatio log(reference / measured) as a polynomial of pixel (x, y)
 * @param used matches used by the final fit
 * @param rmsBefore rms of the log ratio of the used matches about 0 before the correction
 * @param rmsAfter rms of the log ratio residuals after the fit
 */
public record FluxWarp(
    ImageGeometry geometry, Polynomial2D logRatio, int used, double rmsBefore, double rmsAfter) {

  /**
   * Fits the model.
   *
   * @throws IllegalArgumentException when too few matches pass the signal to noise cut
   */
  public static FluxWarp fit(List<CrossMatch.Match> matches, ImageGeometry g, WarpParameters p) {
    List<double[]> rows = new ArrayList<>();
    for (CrossMatch.Match m : matches) {
      SourceComponent c = m.component();
      if (c.snr() >= p.minSnr() && c.intFlux() > 0 && m.reference().fluxJy() > 0) {
        double[] pr =
            SinProjection.skyToPixel(
                g, Math.toRadians(m.reference().raDeg()), Math.toRadians(m.reference().decDeg()));
        rows.add(new double[] {pr[0], pr[1], Math.log(m.reference().fluxJy() / c.intFlux())});
      }
    }
    int n = rows.size();
    double[] x = new double[n];
    double[] y = new double[n];
    double[] z = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = rows.get(i)[0];
      y[i] = rows.get(i)[1];
      z[i] = rows.get(i)[2];
    }
    boolean[] kept = new boolean[n];
    Polynomial2D poly =
        Polynomial2D.fitClipped(x, y, z, p.fluxOrder(), p.clipSigma(), p.maxIter(), kept);
    Polynomial2D zero = new Polynomial2D(0, 0, 0, 1, new double[1]);
    int used = 0;
    for (boolean k : kept) {
      used += k ? 1 : 0;
    }
    return new FluxWarp(
        g,
        poly,
        used,
        Polynomial2D.rmsResidual(zero, x, y, z, kept),
        Polynomial2D.rmsResidual(poly, x, y, z, kept));
  }

  /** The multiplicative correction at pixel (x, y). */
  public double factor(double x, double y) {
    return Math.exp(logRatio.value(x, y));
  }

  /** The component with its fluxes corrected at its position. */
  public SourceComponent correct(SourceComponent c) {
    double[] pm =
        SinProjection.skyToPixel(geometry, Math.toRadians(c.raDeg()), Math.toRadians(c.decDeg()));
    return c.withFluxScale(factor(pm[0], pm[1]));
  }

  /** Every component corrected. */
  public List<SourceComponent> correct(List<SourceComponent> cs) {
    return cs.stream().map(this::correct).toList();
  }

  /** The image multiplied by the correction. O(pixels x order). */
  public Image apply(Image in) {
    int nx = in.nx();
    double[] out = new double[in.pixels().length];
    double[] row = new double[nx];
    for (int y = 0; y < in.ny(); y++) {
      logRatio.evaluateRow(y, row);
      for (int x = 0; x < nx; x++) {
        out[y * nx + x] = in.pixels()[y * nx + x] * Math.exp(row[x]);
      }
    }
    return in.withPixels(out);
  }
}
