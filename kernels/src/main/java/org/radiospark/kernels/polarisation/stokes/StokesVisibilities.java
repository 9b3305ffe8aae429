package org.radiospark.kernels.polarisation.stokes;

import java.util.Arrays;
import org.radiospark.kernels.model.InvalidInputException;
import org.radiospark.kernels.model.Stokes;
import org.radiospark.kernels.model.VisibilityBlock;
import org.radiospark.kernels.polarisation.PolarisationConverter;

/**
 * Forms Stokes I, Q, U, V visibilities from the four correlations of linear (XX XY YX YY) or
 * circular (RR RL LR LL) feeds, so that each Stokes parameter can be imaged as a product of its
 * own.
 *
 * <p><b>Conventions</b> (IAU 1973 / IEEE: Q positive north-south, U positive north-east, V positive
 * for right-handed circular as IEEE defines it; Hamaker and Bregman 1996, the convention of CASA
 * and WSClean, implemented by {@link PolarisationConverter}): linear {@code XX = I + Q}, {@code YY
 * = I - Q}, {@code XY = U + iV}, {@code YX = U - iV} (XY carries +iV); circular {@code RR = I + V},
 * {@code LL = I - V}, {@code RL = Q + iU}, {@code LR = Q - iU}. Hence {@code I = (XX + YY)/2},
 * {@code Q = (XX - YY)/2}, {@code U = (XY + YX)/2}, {@code V = -i (XY - YX)/2}, and {@code Q = (RL
 * + LR)/2}, {@code U = -i (RL - LR)/2}, {@code V = (RR - LL)/2}.
 *
 * <p><b>Parallactic angle: not applied.</b> Q and U come out in the frame of the feeds, which is
 * the sky frame for equatorially mounted feeds (or feeds rotated to follow the sky, e.g. ASKAP's
 * third axis, or data already corrected per time by calibration). Alt-azimuth data must be
 * de-rotated per time before this conversion.
 *
 * <p><b>Weights and flags:</b> a (row, channel) sample is flagged in all four Stokes parameters
 * when any correlation is flagged or has weight &lt;= 0 (WSClean flags Stokes I when XX or YY is);
 * all four get one weight, the inverse variance of the noisier of the two half-sums: {@code w = 4 /
 * max(1/w_a + 1/w_b, 1/w_c + 1/w_d)} over the pairs (XX, YY) and (XY, YX) (or (RR, LL) and (RL,
 * LR)). A shared weight gives the four images one PSF, which joint polarisation CLEAN needs.
 *
 * <p>Cost O(rows x channels). The output block shares the row arrays of the input.
 */
public final class StokesVisibilities {
  /** The output products, in this order. */
  public static final Stokes[] IQUV = {Stokes.I, Stokes.Q, Stokes.U, Stokes.V};

  private StokesVisibilities() {}

  /** The feed type of a block: its four correlations, or a clear error. */
  public enum FeedType {
    LINEAR(Stokes.XX, Stokes.YY, Stokes.XY, Stokes.YX),
    CIRCULAR(Stokes.RR, Stokes.LL, Stokes.RL, Stokes.LR);

    private final Stokes[] products;

    FeedType(Stokes... products) {
      this.products = products;
    }

    /** Parallel hands first, then the cross hands: the two pairs of the weight formula. */
    public Stokes[] products() {
      return products.clone();
    }

    /**
     * @throws InvalidInputException when the block lacks one of the four correlations of either
     *     feed type
     */
    public static FeedType of(VisibilityBlock block) {
      for (FeedType f : values()) {
        boolean all = true;
        for (Stokes s : f.products) {
          all &= block.polIndex(s) >= 0;
        }
        if (all) {
          return f;
        }
      }
      throw new InvalidInputException(
          null,
          "pols",
          "full-Stokes imaging needs XX XY YX YY or RR RL LR LL; the block has "
              + Arrays.toString(block.pols()));
    }
  }

  /**
   * The block's samples as Stokes I, Q, U, V (in that order), weights and flags as the class
   * comment says.
   *
   * @throws InvalidInputException if the block lacks a full set of correlations of one feed type
   */
  public static VisibilityBlock convert(VisibilityBlock block) {
    FeedType feed = FeedType.of(block);
    Stokes[] from = feed.products;
    int[] idx = new int[4];
    for (int k = 0; k < 4; k++) {
      idx[k] = block.polIndex(from[k]);
    }
    PolarisationConverter conv = PolarisationConverter.of(from, IQUV);
    int n = block.nRows() * block.nChan();
    float[] vis = new float[8 * n];
    float[] weight = new float[4 * n];
    boolean[] flag = new boolean[4 * n];
    float[] bv = block.vis();
    float[] bw = block.weight();
    boolean[] bf = block.flag();
    double[] in = new double[8];
    double[] out = new double[8];
    int nPol = block.nPol();
    double[] inv = new double[4];
    for (int s = 0; s < n; s++) {
      boolean bad = false;
      for (int k = 0; k < 4; k++) {
        int i = s * nPol + idx[k];
        in[2 * k] = bv[2 * i];
        in[2 * k + 1] = bv[2 * i + 1];
        double w = bw[i];
        bad |= bf[i] || !(w > 0);
        inv[k] = 1.0 / w;
      }
      conv.apply(in, 0, out, 0);
      float w = bad ? 0f : (float) (4.0 / Math.max(inv[0] + inv[1], inv[2] + inv[3]));
      for (int k = 0; k < 4; k++) {
        vis[8 * s + 2 * k] = (float) out[2 * k];
        vis[8 * s + 2 * k + 1] = (float) out[2 * k + 1];
        weight[4 * s + k] = w;
        flag[4 * s + k] = bad;
      }
    }
    return new VisibilityBlock(
        block.uMetres(),
        block.vMetres(),
        block.wMetres(),
        block.antenna1(),
        block.antenna2(),
        block.timeMjdSec(),
        block.integrationSec(),
        block.freqHz(),
        block.chanWidthHz(),
        IQUV.clone(),
        vis,
        weight,
        flag,
        block.phaseCentre());
  }
}
