package org.radiospark.jobs.spectral;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.radiospark.kernels.deconvolution.CleanParameters;
import org.radiospark.kernels.deconvolution.RobustNoise;
import org.radiospark.kernels.gridding.Precision;
import org.radiospark.kernels.imaging.ImagingParams;
import org.radiospark.kernels.model.VisibilityBlock;
import org.radiospark.kernels.polarisation.faraday.FaradayMoments;
import org.radiospark.kernels.polarisation.faraday.FdfCube;
import org.radiospark.kernels.polarisation.faraday.MomentImages;
import org.radiospark.kernels.polarisation.faraday.PeakMaps;
import org.radiospark.kernels.polarisation.faraday.RmSynthesis;
import org.radiospark.kernels.polarisation.stokes.StokesImager;
import org.radiospark.kernels.weighting.Weighting;
import scala.Tuple2;

/**
 * The work of the spectral job's tasks, as plain static functions of their inputs (no Spark types
 * beyond {@link Tuple2}), so they can be tested without a session: imaging a channel group, cutting
 * channel images into tile slices, and the Faraday products of one tile.
 */
public final class SpectralStages {
  private SpectralStages() {}

  /**
   * Thrown by an imaging task that ran out of memory: the message names the settings to change, and
   * the job allows at most one retry ({@code spark.task.maxFailures = 2}).
   */
  public static final class ChannelMemoryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ChannelMemoryException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Runs {@code work}, turning an {@link OutOfMemoryError} into a {@link ChannelMemoryException}
   * whose message says which channels and what to change. Catching the error is safe here: what
   * filled the heap is the task's own images and visibilities, unreachable once it unwinds.
   */
  public static <T> T guardMemory(int firstChannel, int nChannels, Supplier<T> work) {
    try {
      return work.get();
    } catch (OutOfMemoryError e) {
      throw new ChannelMemoryException(
          String.format(
              Locale.ROOT,
              "spectral: imaging channels %d..%d ran out of memory (max heap %d MiB): lower"
                  + " --channels-per-task or raise spark.executor.memory",
              firstChannel,
              firstChannel + nChannels - 1,
              Runtime.getRuntime().maxMemory() >> 20),
          e);
    }
  }

  /** Imaging settings of the options for {@code threads} gridder threads. */
  static ImagingParams imagingParams(SpectralOptions opt, int threads) {
    SpectralOptions.Deconvolution c = opt.clean();
    Weighting w =
        switch (c.weighting()) {
          case "natural" -> Weighting.natural();
          case "briggs" -> Weighting.briggs(c.robust());
          default -> Weighting.uniform();
        };
    return ImagingParams.defaults(opt.nx(), opt.ny(), opt.cellRad())
        .withWeighting(w)
        .withAccuracy(c.epsilon(), c.epsilon() < 1e-5 ? Precision.DOUBLE : Precision.FLOAT)
        .withThreads(threads);
  }

  static CleanParameters cleanParams(SpectralOptions opt) {
    SpectralOptions.Deconvolution c = opt.clean();
    return CleanParameters.defaults()
        .withGain(c.gain())
        .withMajorLoopGain(c.mgain())
        .withMaxIterations(c.niter())
        .withMaxMajorCycles(c.nmiter())
        .withAbsoluteThreshold(c.thresholdJy())
        .withAutoThreshold(c.autoThreshold());
  }

  /**
   * Images every channel of a group block (its channels are {@code firstChannel ..}) with {@link
   * StokesImager}, one channel at a time.
   */
  public static List<ChannelImages> imageGroup(
      int firstChannel, VisibilityBlock group, SpectralOptions opt, int threads) {
    return guardMemory(
        firstChannel,
        group.nChan(),
        () -> {
          ImagingParams ip = imagingParams(opt, threads);
          CleanParameters cp = cleanParams(opt);
          List<ChannelImages> out = new ArrayList<>();
          for (int c = 0; c < group.nChan(); c++) {
            long t0 = System.nanoTime();
            StokesImager.Products p =
                StokesImager.run(group.selectChannels(c, c + 1), ip, cp, opt.clean().mode());
            out.add(channelImages(firstChannel + c, p, (System.nanoTime() - t0) * 1e-9));
          }
          return out;
        });
  }

  static ChannelImages channelImages(int channel, StokesImager.Products p, double seconds) {
    ChannelImages ci = new ChannelImages();
    ci.channel = channel;
    ci.freqHz = p.restored()[0].geometry().freqHz();
    ci.bandwidthHz = p.restored()[0].geometry().bandwidthHz();
    ci.restored = new float[4][];
    ci.min = new double[4];
    ci.max = new double[4];
    ci.residualRms = new double[4];
    for (int s = 0; s < 4; s++) {
      double[] px = p.restored()[s].pixels();
      float[] f = new float[px.length];
      double mn = Double.POSITIVE_INFINITY;
      double mx = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < px.length; k++) {
        f[k] = (float) px[k];
        mn = Math.min(mn, px[k]);
        mx = Math.max(mx, px[k]);
      }
      ci.restored[s] = f;
      ci.min[s] = mn;
      ci.max[s] = mx;
      ci.residualRms[s] = RobustNoise.madRms(p.residual()[s].pixels());
    }
    ci.beamMajorRad = p.beam().majorRad();
    ci.beamMinorRad = p.beam().minorRad();
    ci.beamPaRad = p.beam().paRad();
    ci.iterations = p.iterations();
    ci.majorCycles = p.majorCycles();
    ci.stopReason = p.stopReason().name();
    ci.seconds = seconds;
    return ci;
  }

  /** Tiles along x of an {@code nx}-wide image cut into squares of {@code tile} pixels. */
  static int tilesAlong(int n, int tile) {
    return (n + tile - 1) / tile;
  }

  /** {x0, y0, width, height} of tile {@code t} (row-major over tiles). */
  static int[] tileBox(int t, int nx, int ny, int tile) {
    int tx = t % tilesAlong(nx, tile);
    int ty = t / tilesAlong(nx, tile);
    int x0 = tx * tile;
    int y0 = ty * tile;
    return new int[] {x0, y0, Math.min(tile, nx - x0), Math.min(tile, ny - y0)};
  }

  /** Cuts one channel's I, Q, U images into its tile slices, keyed by tile. */
  public static List<Tuple2<Integer, TileSlice>> slices(
      ChannelImages ci, int nx, int ny, int tile) {
    int nTiles = tilesAlong(nx, tile) * tilesAlong(ny, tile);
    List<Tuple2<Integer, TileSlice>> out = new ArrayList<>(nTiles);
    for (int t = 0; t < nTiles; t++) {
      int[] b = tileBox(t, nx, ny, tile);
      TileSlice s = new TileSlice();
      s.channel = ci.channel;
      s.i = cut(ci.restored[0], nx, b);
      s.q = cut(ci.restored[1], nx, b);
      s.u = cut(ci.restored[2], nx, b);
      out.add(new Tuple2<>(t, s));
    }
    return out;
  }

  private static float[] cut(float[] img, int nx, int[] b) {
    float[] out = new float[b[2] * b[3]];
    for (int y = 0; y < b[3]; y++) {
      System.arraycopy(img, (b[1] + y) * nx + b[0], out, y * b[2], b[2]);
    }
    return out;
  }

  /**
   * Faraday moments, RM synthesis and peak maps of one tile from its slices (any order, one per
   * channel; a missing channel counts as NaN, left out of every spectrum).
   */
  public static TileResult faradayTile(
      int tile, Iterable<TileSlice> slices, FaradayPlan plan, int nx, int ny, int tileSize) {
    int[] b = tileBox(tile, nx, ny, tileSize);
    int nPix = b[2] * b[3];
    int nChan = plan.lambda2M2().length;
    float[] i = new float[nPix * nChan];
    float[] q = new float[nPix * nChan];
    float[] u = new float[nPix * nChan];
    Arrays.fill(i, Float.NaN);
    Arrays.fill(q, Float.NaN);
    Arrays.fill(u, Float.NaN);
    for (TileSlice s : slices) {
      for (int p = 0; p < nPix; p++) {
        i[p * nChan + s.channel] = s.i[p];
        q[p * nChan + s.channel] = s.q[p];
        u[p * nChan + s.channel] = s.u[p];
      }
    }
    MomentImages m = FaradayMoments.compute(q, u, nPix, nChan);
    RmSynthesis synthesis = plan.synthesis();
    FdfCube cube = synthesis.cubeTransform();
    int nPhi = plan.nPhi();
    float[] re = new float[nPix * nPhi];
    float[] im = new float[nPix * nPhi];
    cube.transform(q, u, nPix, re, im);
    PeakMaps pk = PeakMaps.measure(re, im, nPix, synthesis, plan.fwhmRadM2(), plan.dFdfTheory());
    TileResult r = new TileResult();
    r.tile = tile;
    r.x0 = b[0];
    r.y0 = b[1];
    r.width = b[2];
    r.height = b[3];
    r.moments =
        new float[][] {
          m.meanQ(), m.stdQ(), m.skewQ(), m.kurtQ(), m.meanU(), m.stdU(), m.skewU(), m.kurtU(),
          m.meanP(), m.stdP(), m.skewP(), m.kurtP()
        };
    r.peaks =
        new float[][] {
          pk.phiPeakRadM2(),
          pk.dPhiPeakRadM2(),
          pk.ampPeak(),
          pk.ampPeakEff(),
          pk.snr(),
          pk.polAngleDeg(),
          pk.polAngle0Deg(),
          pk.dPolAngle0Deg()
        };
    r.fdfAmplitude = new float[nPix * nPhi];
    for (int k = 0; k < re.length; k++) {
      r.fdfAmplitude[k] = (float) Math.hypot(re[k], im[k]);
    }
    double[] w = plan.weights();
    r.meanI = new float[nPix];
    for (int p = 0; p < nPix; p++) {
      double sw = 0;
      double si = 0;
      for (int c = 0; c < nChan; c++) {
        float v = i[p * nChan + c];
        if (Float.isFinite(v)) {
          sw += w[c];
          si += w[c] * v;
        }
      }
      r.meanI[p] = sw > 0 ? (float) (si / sw) : Float.NaN;
    }
    return r;
  }
}
