package org.radiospark.kernels.imaging;

import org.radiospark.kernels.gridding.WGridder;
import org.radiospark.kernels.model.Image;
import org.radiospark.kernels.model.ImageGeometry;
import org.radiospark.kernels.model.InvalidInputException;
import org.radiospark.kernels.model.Stokes;
import org.radiospark.kernels.model.VisibilityBlock;
import org.radiospark.kernels.weighting.ImagingWeights;
import org.radiospark.kernels.weighting.WeightingScheme;

/**
 * Invert (visibilities to dirty image and PSF) and predict (model image to visibilities) for one
 * {@link VisibilityBlock}, WSClean's way, on top of {@link WGridder}. No Spark: a stage maps these
 * over partitions.
 *
 * <p>Invert selects the channels {@code [chanStart, chanEnd)}, forms the requested polarisation
 * (Stokes I = (XX+YY)/2 or (RR+LL)/2 with weight {@code 4 w_a w_b / (w_a + w_b)}, the inverse
 * variance of the mean; or one correlation), drops flagged samples and autocorrelations, applies
 * the imaging weighting, grids, and divides by the sum of imaging weights, so that a 1 Jy point
 * source peaks at 1 Jy/beam, at the phase centre or anywhere else (WSClean's convention: no 1/n
 * factor, see {@code model/package-info.java}), and the PSF peaks at 1. Predict is the exact
 * adjoint of the unnormalised invert: a model pixel of S Jy predicts {@code S exp(-2 pi i (u l + v
 * m + w (n - 1)))}, what {@link ComponentPredictor} predicts for a point source of S Jy there.
 * Cost: that of {@link WGridder#ms2dirty} plus {@code O(rows x channels x pols)}.
 */
public final class Imager {
  private Imager() {}

  /** Dirty image and PSF of one inversion, with the sum of imaging weights used to normalise. */
  public record Inversion(Image dirty, Image psf, double sumWeights) {}

  /** Dirty image in Jy/beam. */
  public static Image invert(VisibilityBlock block, ImagingParams p) {
    Selection s = select(block, p);
    WGridder g = new WGridder(p.gridderParams());
    return image(g.ms2dirty(s.uvw, s.freq, s.vis, s.weight), s, block, p);
  }

  /** Point-spread function (dirty image of unit visibilities), peak 1. */
  public static Image psf(VisibilityBlock block, ImagingParams p) {
    Selection s = select(block, p);
    WGridder g = new WGridder(p.gridderParams());
    return image(g.ms2dirty(s.uvw, s.freq, ones(s.vis.length), s.weight), s, block, p);
  }

  /** Dirty image and PSF sharing one selection and weighting. */
  public static Inversion invertWithPsf(VisibilityBlock block, ImagingParams p) {
    Selection s = select(block, p);
    WGridder g = new WGridder(p.gridderParams());
    Image dirty = image(g.ms2dirty(s.uvw, s.freq, s.vis, s.weight), s, block, p);
    Image psf = image(g.ms2dirty(s.uvw, s.freq, ones(s.vis.length), s.weight), s, block, p);
    return new Inversion(dirty, psf, s.sumWeights);
  }

  /**
   * The additive piece of a naturally weighted invert: the gridded, weighted visibilities (or, with
   * {@code psf}, unit visibilities) of {@code block} NOT divided by the sum of weights, and that
   * sum. Partial images of disjoint blocks sum, and dividing the sum by the summed weights gives
   * exactly {@link #invert} (or {@link #psf}) of all blocks at once: what a distributed invert does
   * per frequency partition. A block whose samples are all flagged gives zeros and weight 0.
   *
   * @throws InvalidInputException if the weighting is not natural (uniform and Briggs weights
   *     depend on the samples of every block, so their partial images do not add)
   */
  public static Partial invertPartial(VisibilityBlock block, ImagingParams p, boolean psf) {
    if (p.weighting().scheme() != WeightingScheme.NATURAL) {
      throw new InvalidInputException(
          null,
          "weighting",
          "partial images add up only under natural weighting, got " + p.weighting().scheme());
    }
    Selection s = select(block, p, false);
    if (!(s.sumWeights > 0)) {
      return new Partial(new double[p.nx() * p.ny()], 0);
    }
    WGridder g = new WGridder(p.gridderParams());
    float[] vis = psf ? ones(s.vis.length) : s.vis;
    return new Partial(g.ms2dirty(s.uvw, s.freq, vis, s.weight), s.sumWeights);
  }

  /**
   * An unnormalised image ({@code pixels[y * nx + x]}) and the sum of imaging weights that
   * normalises it.
   */
  public record Partial(double[] pixels, double sumWeights) {}

  /**
   * Model visibilities of a model image (Jy per pixel) in the template's correlations, for the
   * selected channels (other channels are 0): a Stokes I model gives {@code XX = YY = I} (or {@code
   * RR = LL = I}) and zero cross-hands; a model of one correlation fills that correlation only.
   * Every row is predicted, flagged or not, autocorrelations included. The template's weights and
   * flags are shared by the returned block.
   *
   * @throws InvalidInputException if the model geometry differs from {@code p} or its polarisation
   *     is not in the template
   */
  public static VisibilityBlock predict(Image model, VisibilityBlock template, ImagingParams p) {
    checkModel(model, p);
    int c0 = firstChannel(template, p);
    int c1 = endChannel(template, p);
    int nSel = c1 - c0;
    int nRows = template.nRows();
    double[] freq = new double[nSel];
    System.arraycopy(template.freqHz(), c0, freq, 0, nSel);
    float[] ones = new float[nRows * nSel];
    java.util.Arrays.fill(ones, 1f);
    WGridder g = new WGridder(p.gridderParams());
    float[] mv = g.dirty2ms(uvwOf(template), freq, model.pixels(), ones);
    int[] targets = modelTargets(model.geometry().stokes(), template);
    float[] out = new float[template.vis().length];
    for (int r = 0; r < nRows; r++) {
      for (int c = 0; c < nSel; c++) {
        int j = r * nSel + c;
        for (int pol : targets) {
          int i = template.index(r, c0 + c, pol);
          out[2 * i] = mv[2 * j];
          out[2 * i + 1] = mv[2 * j + 1];
        }
      }
    }
    return template.withVis(out);
  }

  /**
   * Data minus the predicted model in the selected channels; other channels and the weights and
   * flags are those of {@code data}.
   */
  public static VisibilityBlock residual(VisibilityBlock data, Image model, ImagingParams p) {
    VisibilityBlock m = predict(model, data, p);
    int c0 = firstChannel(data, p);
    int c1 = endChannel(data, p);
    float[] v = data.vis().clone();
    float[] mv = m.vis();
    for (int r = 0; r < data.nRows(); r++) {
      for (int c = c0; c < c1; c++) {
        for (int pol = 0; pol < data.nPol(); pol++) {
          int i = data.index(r, c, pol);
          v[2 * i] -= mv[2 * i];
          v[2 * i + 1] -= mv[2 * i + 1];
        }
      }
    }
    return data.withVis(v);
  }

  private static float[] ones(int n2) {
    float[] a = new float[n2];
    for (int i = 0; i < n2; i += 2) {
      a[i] = 1f;
    }
    return a;
  }

  private static Image image(double[] px, Selection s, VisibilityBlock b, ImagingParams p) {
    for (int i = 0; i < px.length; i++) {
      px[i] /= s.sumWeights;
    }
    double fMin = Double.POSITIVE_INFINITY;
    double fMax = Double.NEGATIVE_INFINITY;
    double bw = 0;
    for (int c = s.c0; c < s.c1; c++) {
      fMin = Math.min(fMin, b.freqHz()[c]);
      fMax = Math.max(fMax, b.freqHz()[c]);
      bw += Math.abs(b.chanWidthHz()[c]);
    }
    ImageGeometry geo =
        new ImageGeometry(
            p.nx(), p.ny(), p.cellRad(), b.phaseCentre(), 0.5 * (fMin + fMax), bw, p.stokes());
    return new Image(geo, px, null, "JY/BEAM");
  }

  /** Visibilities, imaging weights and coordinates of the selected samples. */
  private record Selection(
      double[] uvw,
      double[] freq,
      float[] vis,
      float[] weight,
      double sumWeights,
      int c0,
      int c1) {}

  private static int firstChannel(VisibilityBlock b, ImagingParams p) {
    if (p.chanStart() >= b.nChan()) {
      throw new InvalidInputException(
          null, "chanStart", "expected a channel below " + b.nChan() + ", got " + p.chanStart());
    }
    return p.chanStart();
  }

  private static int endChannel(VisibilityBlock b, ImagingParams p) {
    return Math.min(p.chanEnd(), b.nChan());
  }

  static double[] uvwOf(VisibilityBlock b) {
    int n = b.nRows();
    double[] uvw = new double[3 * n];
    for (int r = 0; r < n; r++) {
      uvw[3 * r] = b.uMetres()[r];
      uvw[3 * r + 1] = b.vMetres()[r];
      uvw[3 * r + 2] = b.wMetres()[r];
    }
    return uvw;
  }

  /** Indices of the correlations combined into the requested product: one or two. */
  private static int[] sourcePols(VisibilityBlock b, Stokes s) {
    if (s == Stokes.I) {
      int xx = b.polIndex(Stokes.XX);
      int yy = b.polIndex(Stokes.YY);
      if (xx >= 0 && yy >= 0) {
        return new int[] {xx, yy};
      }
      int rr = b.polIndex(Stokes.RR);
      int ll = b.polIndex(Stokes.LL);
      if (rr >= 0 && ll >= 0) {
        return new int[] {rr, ll};
      }
    }
    int k = b.polIndex(s);
    if (k >= 0) {
      return new int[] {k};
    }
    throw new InvalidInputException(
        null,
        "pols",
        "expected XX and YY, RR and LL, or "
            + s
            + " itself to image "
            + s
            + "; the block has "
            + java.util.Arrays.toString(b.pols()));
  }

  private static Selection select(VisibilityBlock b, ImagingParams p) {
    return select(b, p, true);
  }

  private static Selection select(VisibilityBlock b, ImagingParams p, boolean requireData) {
    int c0 = firstChannel(b, p);
    int c1 = endChannel(b, p);
    int nSel = c1 - c0;
    int nRows = b.nRows();
    int[] pols = sourcePols(b, p.stokes());
    float[] vis = new float[2 * nRows * nSel];
    float[] wt = new float[nRows * nSel];
    float[] bv = b.vis();
    float[] bw = b.weight();
    boolean[] bf = b.flag();
    boolean ignore = p.ignoreFlags();
    for (int r = 0; r < nRows; r++) {
      if (b.antenna1()[r] == b.antenna2()[r]) {
        continue;
      }
      for (int c = 0; c < nSel; c++) {
        int j = r * nSel + c;
        double re = 0;
        double im = 0;
        double invW = 0;
        boolean ok = true;
        for (int pol : pols) {
          int i = b.index(r, c0 + c, pol);
          double w = bw[i];
          if (ignore) {
            w = w == 0 ? 1 : Math.abs(w);
          } else if (bf[i] || !(w > 0)) {
            ok = false;
            break;
          }
          re += bv[2 * i];
          im += bv[2 * i + 1];
          invW += 1 / w;
        }
        if (!ok || !Double.isFinite(re + im)) {
          continue;
        }
        int np = pols.length;
        vis[2 * j] = (float) (re / np);
        vis[2 * j + 1] = (float) (im / np);
        // Inverse variance of the mean of np samples with variances 1/w_k.
        wt[j] = (float) (np * np / invW);
      }
    }
    double[] uvw = uvwOf(b);
    double[] freq = new double[nSel];
    System.arraycopy(b.freqHz(), c0, freq, 0, nSel);
    float[] iw = ImagingWeights.compute(p.weighting(), p.nx(), p.ny(), p.cellRad(), uvw, freq, wt);
    double sum = 0;
    for (float w : iw) {
      sum += w;
    }
    if (!(sum > 0) && requireData) {
      throw new InvalidInputException(
          null,
          "weight",
          "expected unflagged cross-correlation samples in channels "
              + c0
              + ".."
              + (c1 - 1)
              + " (all are flagged or zero-weight; see ignoreFlags)");
    }
    return new Selection(uvw, freq, vis, iw, sum, c0, c1);
  }

  private static void checkModel(Image model, ImagingParams p) {
    ImageGeometry g = model.geometry();
    if (g.nx() != p.nx()
        || g.ny() != p.ny()
        || Math.abs(g.cellRad() - p.cellRad()) > 1e-9 * p.cellRad()) {
      throw new InvalidInputException(
          null,
          "model",
          "expected a "
              + p.nx()
              + " x "
              + p.ny()
              + " image with cell "
              + p.cellRad()
              + " rad, got "
              + g.nx()
              + " x "
              + g.ny()
              + " with cell "
              + g.cellRad());
    }
  }

  private static int[] modelTargets(Stokes s, VisibilityBlock b) {
    if (s == Stokes.I) {
      int n = 0;
      int[] t = new int[b.nPol()];
      for (int p = 0; p < b.nPol(); p++) {
        if (b.pols()[p].isParallelHand() || b.pols()[p] == Stokes.I) {
          t[n++] = p;
        }
      }
      if (n > 0) {
        return java.util.Arrays.copyOf(t, n);
      }
    } else if (b.polIndex(s) >= 0) {
      return new int[] {b.polIndex(s)};
    }
    throw new InvalidInputException(
        null,
        "model",
        "expected a Stokes I model or a correlation of the block "
            + java.util.Arrays.toString(b.pols())
            + ", got "
            + s);
  }
}
