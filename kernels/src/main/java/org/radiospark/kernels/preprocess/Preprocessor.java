package org.radiospark.kernels.preprocess;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.radiospark.kernels.coords.UvwCalculator;
import org.radiospark.kernels.fft.ParallelFor;
import org.radiospark.kernels.io.mwa.CorrelatorVersion;
import org.radiospark.kernels.io.mwa.GpuboxFile;
import org.radiospark.kernels.io.mwa.GpuboxReader;
import org.radiospark.kernels.io.mwa.GpuboxTimestep;
import org.radiospark.kernels.io.mwa.LegacyBaselineMap;
import org.radiospark.kernels.io.mwa.Metafits;
import org.radiospark.kernels.io.mwa.MwafFlags;
import org.radiospark.kernels.io.mwa.MwafReader;
import org.radiospark.kernels.model.AntennaConfiguration;
import org.radiospark.kernels.model.InvalidInputException;
import org.radiospark.kernels.model.Stokes;
import org.radiospark.kernels.model.VisibilityBlock;

/**
 * MWA preprocessing (what Cotter and Birli do) of the gpubox files of one observation.
 *
 * <p>Per input sample (integration k, coarse channel, fine channel, baseline (a1, a2), pol (p1,
 * p2)) at frequency f:
 *
 * <ol>
 *   <li>read in mwalib order ({@link GpuboxReader}), which equals Cotter's (no conjugation);
 *   <li>multiply by {@code exp(i (phi(a2, p2) - phi(a1, p1)))} with {@code phi(a, p) = 2 pi f (w_a
 *       - L_ap) / c}: {@code L_ap} the electrical cable length of input (a, p) (cable delay; sign
 *       and frequency checked against Cotter's 1131733552 output: residual 1e-7 rad) and {@code
 *       w_a} the antenna's w toward the phase centre at the centre of integration k (geometric
 *       phase tracking: the raw data are {@code sum I exp(-2 pi i (ul + vm + wn))} in the block's
 *       uvw convention, and phasing removes the {@code exp(-2 pi i w)}; this is Cotter's correction
 *       {@code exp(-2 pi i f w' / c)} with its {@code w' = w1 - w2}, and with {@link
 *       PreprocessParameters.UvwFrame#COTTER} the same w);
 *   <li>flag it for a flagged tile (metafits {@code Flag}), the coarse-channel edges and centre,
 *       the quack time, an mwaf flag or an MWAX weight {@code <= 0};
 *   <li>accumulate it with weight {@code intTime x fineWidth / 10 kHz} (Cotter's and Birli's
 *       weight: 2 for 0.5 s x 40 kHz) into its output cell; unflagged samples make the average, and
 *       a cell with none keeps the plain average of its flagged samples, flagged.
 * </ol>
 *
 * <p>Output integrations: those of the averaging grid (from the first integration present) that
 * receive data. Output channels: every fine channel (after averaging) of the metafits coarse
 * channels from the lowest to the highest receiver channel present; absent data are zero, flagged,
 * weight 0. Fine-channel centres are mwalib's: legacy {@code start + k w + (w - 10 kHz) / 2} (the
 * legacy PFB centres channel 0 of 10 kHz on the coarse channel's lower edge), MWAX {@code start + k
 * w} (even channel counts); {@code start = N x 1.28 MHz - 0.64 MHz}. Averaged channels get the mean
 * centre. uvw are computed in {@link PreprocessParameters#uvwFrame()} (default {@link CotterUvw})
 * at the centre of each output integration. mwaf scans count integrations from the first one
 * present in the given gpubox files (Cotter writes flags for the integrations it processed).
 *
 * <p>Cost: O(integrations x fine channels x baselines x 4) complex multiply-adds, spread over
 * {@link PreprocessParameters#nThreads()} threads by output channel (measured about 5 M samples/s
 * on one shared core, FITS reading included); memory: 13 bytes per output sample (the block itself,
 * whose arrays accumulate the sums) plus one HDU.
 */
public final class Preprocessor {
  /** Output polarisations, Cotter's order. */
  public static final Stokes[] POLS = {Stokes.XX, Stokes.YY, Stokes.XY, Stokes.YX};

  /** Output slot of mwalib's XX, XY, YX, YY. */
  private static final int[] OUT_POL = {0, 2, 3, 1};

  private static final double C = VisibilityBlock.C;

  /** MJD of the Unix epoch. */
  private static final double UNIX_EPOCH_MJD = 40587.0;

  private Preprocessor() {}

  /**
   * Preprocesses {@code gpuboxFiles} of the observation described by {@code meta}.
   *
   * @param mwafFiles Cotter flag files (may be empty); each applies to the coarse channel of its
   *     {@code GPUBOXNO}
   * @throws InvalidInputException for unreadable or inconsistent files
   */
  public static PreprocessResult run(
      Metafits meta, List<Path> gpuboxFiles, List<Path> mwafFiles, PreprocessParameters params) {
    Objects.requireNonNull(meta, "meta");
    Objects.requireNonNull(params, "params");
    if (gpuboxFiles.isEmpty()) {
      throw new IllegalArgumentException("no gpubox files");
    }
    List<GpuboxFile> files = new ArrayList<>();
    for (Path p : gpuboxFiles) {
      files.add(GpuboxReader.scan(p, meta));
    }
    CorrelatorVersion version = files.get(0).version();
    int nFine = files.get(0).timesteps().get(0).nFine();
    long t0 = Long.MAX_VALUE;
    TreeSet<Integer> present = new TreeSet<>();
    for (GpuboxFile g : files) {
      if (g.version() != version) {
        throw new InvalidInputException(
            g.path().toString(), "CORR_VER", "gpubox files of both correlator generations given");
      }
      present.add(g.receiverChannel());
      for (GpuboxTimestep ts : g.timesteps()) {
        if (ts.nFine() != nFine) {
          throw new InvalidInputException(
              g.path().toString(),
              "HDU " + (ts.hdu() + 1),
              "expected " + nFine + " fine channels like the other files, got " + ts.nFine());
        }
        t0 = Math.min(t0, ts.unixTimeMs());
      }
    }
    int finePerCoarse = meta.fineChannelsPerCoarse();
    if (nFine > finePerCoarse) {
      throw new InvalidInputException(
          meta.file(), "NCHANS", "fewer fine channels per coarse channel than the gpubox files");
    }
    Grid grid = Grid.of(meta, params, version, present, nFine, files, t0);
    Map<Integer, MwafFlags> mwaf = readMwaf(mwafFiles, meta, version);
    AntennaConfiguration antennas = meta.antennas();
    if (antennas.nAntennas() != meta.nAntennas()) {
      throw new InvalidInputException(meta.file(), "TILEDATA", "inconsistent antenna count");
    }
    boolean cable = params.cableDelay() && !meta.cableDelaysApplied();
    boolean geom = params.geometric() && !meta.geometricDelaysApplied();
    Accumulator acc = new Accumulator(grid);
    LegacyBaselineMap map =
        version == CorrelatorVersion.LEGACY ? LegacyBaselineMap.of(meta.inputs()) : null;
    UvwModel uvw = UvwModel.of(meta.phaseCentre(), params.uvwFrame());
    double[][] lengths = meta.electricalLengthsM();
    boolean[] badAntenna = meta.flaggedAntennas();
    double quackEndMs =
        (meta.startUnixSec() + (params.flagQuack() ? meta.quackTimeSec() : 0)) * 1e3;
    java.util.Set<Long> seen = new java.util.HashSet<>();
    // w of every antenna per native integration, shared by the coarse channels.
    Map<Integer, double[]> wCache = new HashMap<>();
    for (GpuboxFile g : files) {
      int ci = grid.coarseIndex(g.receiverChannel());
      for (GpuboxTimestep ts : g.timesteps()) {
        long key = ((long) ci << 32) | grid.nativeIndex(ts.unixTimeMs(), g.path());
        if (!seen.add(key)) {
          throw new InvalidInputException(
              g.path().toString(),
              "TIME",
              "integration at Unix ms " + ts.unixTimeMs() + " of this coarse channel given twice");
        }
      }
      MwafFlags flags = mwaf.get(g.receiverChannel());
      GpuboxReader.read(
          g,
          map,
          (ts, vis, weights) -> {
            int k = grid.nativeIndex(ts.unixTimeMs(), g.path());
            double centreMjdSec = unixMsToMjdSec(ts.unixTimeMs()) + 0.5 * meta.intTimeSec();
            double[] wAnt =
                geom
                    ? wCache.computeIfAbsent(
                        k,
                        key -> UvwCalculator.antennaUvw(uvw.itrfToUvw(centreMjdSec), antennas)[2])
                    : new double[antennas.nAntennas()];
            boolean quacked = ts.unixTimeMs() < quackEndMs;
            acc.add(
                ci,
                k,
                vis,
                weights,
                new Corrections(cable ? lengths : null, wAnt, badAntenna, quacked, flags),
                params.nThreads());
          });
    }
    VisibilityBlock block = acc.finish(uvw, antennas, meta.phaseCentre());
    return new PreprocessResult(block, antennas, meta, cable, geom);
  }

  /** The ITRF-to-uvw matrix of the chosen frame at a UTC instant (MJD seconds). */
  private interface UvwModel {
    double[][] itrfToUvw(double utcMjdSec);

    static UvwModel of(
        org.radiospark.kernels.model.PhaseCentre centre, PreprocessParameters.UvwFrame frame) {
      return switch (frame) {
        case COTTER -> new CotterUvw(centre)::itrfToUvw;
        case J2000 -> new UvwCalculator(centre, UvwCalculator.Frame.J2000, 0)::itrfToUvw;
        case APPARENT -> new UvwCalculator(centre, UvwCalculator.Frame.APPARENT, 0)::itrfToUvw;
      };
    }
  }

  /** MJD seconds (UTC) of a Unix time in milliseconds. */
  static double unixMsToMjdSec(long unixMs) {
    return unixMs / 1e3 + UNIX_EPOCH_MJD * 86400.0;
  }

  /**
   * The mwaf flags by receiver channel: {@code GPUBOXNO} is the legacy gpubox number for legacy
   * data and the receiver channel itself for MWAX (mwalib's gpubox number of an MWAX channel).
   */
  private static Map<Integer, MwafFlags> readMwaf(
      List<Path> mwafFiles, Metafits meta, CorrelatorVersion version) {
    Map<Integer, MwafFlags> out = new HashMap<>();
    for (Path p : mwafFiles) {
      MwafFlags f = MwafReader.read(p);
      if (f.nBaselines() != meta.nAntennas() * (meta.nAntennas() + 1) / 2) {
        throw new InvalidInputException(p.toString(), "NANTENNA", "differs from the metafits");
      }
      int channel;
      try {
        channel =
            version == CorrelatorVersion.MWAX
                ? f.gpuboxNumber()
                : meta.legacyGpuboxChannel(f.gpuboxNumber());
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException(p.toString(), "GPUBOXNO", e.getMessage(), e);
      }
      if (out.put(channel, f) != null) {
        throw new InvalidInputException(p.toString(), "GPUBOXNO", "two mwaf files for one channel");
      }
    }
    return out;
  }

  /** The per-integration corrections and flags of one gpubox HDU. */
  private record Corrections(
      double[][] lengthsM, double[] wAntM, boolean[] badAntenna, boolean quacked, MwafFlags mwaf) {}

  /** Output axes: coarse channels, fine channels, native and output integrations. */
  private record Grid(
      int[] coarse,
      int nFine,
      int finePerCoarse,
      double[] nativeFreqHz,
      double fineWidthHz,
      int freqFactor,
      int timeFactor,
      long t0Ms,
      double intMs,
      int[] outBins,
      int nAnt,
      boolean[] edge) {

    static Grid of(
        Metafits meta,
        PreprocessParameters p,
        CorrelatorVersion version,
        TreeSet<Integer> present,
        int nFine,
        List<GpuboxFile> files,
        long t0) {
      List<Integer> coarse = new ArrayList<>();
      for (int c : sortedCopy(meta.coarseChannels())) {
        if (c >= present.first() && c <= present.last()) {
          coarse.add(c);
        }
      }
      for (int c : present) {
        if (!coarse.contains(c)) {
          throw new InvalidInputException(
              meta.file(), "CHANNELS", "receiver channel " + c + " of a gpubox file is not listed");
        }
      }
      double w = meta.fineChanWidthHz();
      int nf = factor(p.freqAvgHz(), w, "frequency averaging", "the fine channel width");
      if (nFine % nf != 0) {
        throw new IllegalArgumentException(
            "frequency averaging by " + nf + " does not divide " + nFine + " fine channels");
      }
      int nt = factor(p.timeAvgSec(), meta.intTimeSec(), "time averaging", "the integration");
      double[] freq = new double[coarse.size() * nFine];
      int finePerCoarse = meta.fineChannelsPerCoarse();
      double offset =
          version == CorrelatorVersion.LEGACY
              ? (w - 10e3) / 2
              : (finePerCoarse % 2 == 0 ? 0 : w / 2);
      for (int ci = 0; ci < coarse.size(); ci++) {
        double start = coarse.get(ci) * Metafits.COARSE_CHANNEL_WIDTH_HZ - 0.64e6;
        for (int k = 0; k < nFine; k++) {
          freq[ci * nFine + k] = start + k * w + offset;
        }
      }
      double intMs = meta.intTimeSec() * 1e3;
      // Only output integrations that receive data: mini or partial file sets leave long gaps.
      TreeSet<Integer> bins = new TreeSet<>();
      for (GpuboxFile g : files) {
        for (GpuboxTimestep ts : g.timesteps()) {
          bins.add(nativeIndex(ts.unixTimeMs(), t0, intMs, g.path()) / nt);
        }
      }
      int nEdge = (int) Math.round(p.edgeHz() / w);
      boolean[] edge = new boolean[finePerCoarse];
      for (int k = 0; k < finePerCoarse; k++) {
        edge[k] =
            k < nEdge
                || k >= finePerCoarse - nEdge
                || (p.flagCentreChannel() && k == finePerCoarse / 2);
      }
      return new Grid(
          coarse.stream().mapToInt(Integer::intValue).toArray(),
          nFine,
          finePerCoarse,
          freq,
          w,
          nf,
          nt,
          t0,
          intMs,
          bins.stream().mapToInt(Integer::intValue).toArray(),
          meta.nAntennas(),
          edge);
    }

    private static int[] sortedCopy(int[] a) {
      int[] s = a.clone();
      java.util.Arrays.sort(s);
      return s;
    }

    private static int factor(double target, double unit, String what, String unitName) {
      if (target == 0) {
        return 1;
      }
      long n = Math.round(target / unit);
      if (n < 1 || Math.abs(n * unit - target) > 1e-6 * unit) {
        throw new IllegalArgumentException(
            what + " " + target + " is not a whole multiple of " + unitName + " " + unit);
      }
      return (int) n;
    }

    static int nativeIndex(long unixMs, long t0, double intMs, Path file) {
      double k = (unixMs - t0) / intMs;
      long r = Math.round(k);
      if (Math.abs(k - r) > 1e-3) {
        throw new InvalidInputException(
            file.toString(), "TIME/MILLITIM", "not on the integration grid of the other files");
      }
      return (int) r;
    }

    int nativeIndex(long unixMs, Path file) {
      return nativeIndex(unixMs, t0Ms, intMs, file);
    }

    int coarseIndex(int receiverChannel) {
      for (int i = 0; i < coarse.length; i++) {
        if (coarse[i] == receiverChannel) {
          return i;
        }
      }
      throw new IllegalStateException("channel " + receiverChannel + " not on the grid");
    }

    int nOutTimes() {
      return outBins.length;
    }

    /** Output integration of native integration k. */
    int outTime(int k) {
      return java.util.Arrays.binarySearch(outBins, k / timeFactor);
    }

    int nOutFinePerCoarse() {
      return nFine / freqFactor;
    }

    int nOutChan() {
      return coarse.length * nOutFinePerCoarse();
    }

    int nBaselines() {
      return nAnt * (nAnt + 1) / 2;
    }
  }

  /**
   * Sums of weighted samples per output cell. A cell's weight is positive once it holds an
   * unflagged sample (then its sum is over unflagged samples only) and minus the summed weight of
   * its flagged samples before that, so one sum and one weight per cell serve both averages.
   */
  private static final class Accumulator {
    private final Grid g;
    private final int nChan;
    private final float[] sum;
    private final float[] weightSum;
    private final double sampleWeight;
    private final int[] baselineA1;
    private final int[] baselineA2;

    Accumulator(Grid g) {
      this.g = g;
      this.nChan = g.nOutChan();
      long n = (long) g.nOutTimes() * g.nBaselines() * nChan * 4;
      if (n > Integer.MAX_VALUE / 2) {
        throw new IllegalArgumentException(
            "output of "
                + n
                + " samples too large for one block: average more or give fewer files");
      }
      sum = new float[(int) (2 * n)];
      weightSum = new float[(int) n];
      sampleWeight = g.intMs() / 1e3 * g.fineWidthHz() / 10e3;
      baselineA1 = new int[g.nBaselines()];
      baselineA2 = new int[g.nBaselines()];
      int b = 0;
      for (int a1 = 0; a1 < g.nAnt(); a1++) {
        for (int a2 = a1; a2 < g.nAnt(); a2++) {
          baselineA1[b] = a1;
          baselineA2[b++] = a2;
        }
      }
    }

    void add(int ci, int k, float[] vis, float[] weights, Corrections corr, int nThreads) {
      // Output channels are disjoint between tasks, so the sums need no locking and each cell
      // accumulates its samples in the same order whatever the thread count.
      int nf = g.freqFactor();
      ParallelFor.run(
          nThreads,
          g.nOutFinePerCoarse(),
          task -> {
            double[] cosA = new double[2 * g.nAnt()];
            double[] sinA = new double[2 * g.nAnt()];
            for (int fine = task * nf; fine < (task + 1) * nf; fine++) {
              addChannel(ci, k, fine, vis, weights, corr, cosA, sinA);
            }
          });
    }

    private void addChannel(
        int ci,
        int k,
        int fine,
        float[] vis,
        float[] weights,
        Corrections corr,
        double[] cosA,
        double[] sinA) {
      int nFine = g.nFine();
      int nAnt = g.nAnt();
      int ot = g.outTime(k);
      int scan = k;
      double f = g.nativeFreqHz()[ci * nFine + fine];
      for (int a = 0; a < nAnt; a++) {
        for (int p = 0; p < 2; p++) {
          double len = corr.lengthsM() == null ? 0 : corr.lengthsM()[a][p];
          double phi = 2 * Math.PI * f * (corr.wAntM()[a] - len) / C;
          cosA[2 * a + p] = Math.cos(phi);
          sinA[2 * a + p] = Math.sin(phi);
        }
      }
      boolean chanBad = g.edge()[fine] || corr.quacked();
      int oc = ci * g.nOutFinePerCoarse() + fine / g.freqFactor();
      boolean mwafHasScan =
          corr.mwaf() != null && scan < corr.mwaf().nScans() && fine < corr.mwaf().nChannels();
      float w = (float) sampleWeight;
      for (int b = 0; b < g.nBaselines(); b++) {
        int a1 = baselineA1[b];
        int a2 = baselineA2[b];
        boolean bad =
            chanBad
                || corr.badAntenna()[a1]
                || corr.badAntenna()[a2]
                || (mwafHasScan && corr.mwaf().flagged(scan, b, fine));
        int outRow = ot * g.nBaselines() + b;
        for (int p = 0; p < 4; p++) {
          int i1 = 2 * a1 + (p >> 1);
          int i2 = 2 * a2 + (p & 1);
          // exp(i (phi2 - phi1)) = e2 * conj(e1)
          double cr = cosA[i2] * cosA[i1] + sinA[i2] * sinA[i1];
          double cim = sinA[i2] * cosA[i1] - cosA[i2] * sinA[i1];
          int s = ((b * nFine + fine) * 4 + p) * 2;
          double re = vis[s];
          double im = vis[s + 1];
          double vr = re * cr - im * cim;
          double vi = re * cim + im * cr;
          // A non-finite sample (GpuboxReader passes it as NaN) is flagged and left out of every
          // sum, flagged cells included, so that no NaN reaches the output.
          boolean finite = Double.isFinite(re) && Double.isFinite(im);
          if (!finite) {
            vr = 0;
            vi = 0;
          }
          boolean sampleBad = bad || !finite || (weights != null && !(weights[4 * b + p] > 0));
          int o = (outRow * nChan + oc) * 4 + OUT_POL[p];
          float have = weightSum[o];
          if (!sampleBad) {
            if (have < 0) {
              // The first unflagged sample replaces the flagged ones.
              sum[2 * o] = 0;
              sum[2 * o + 1] = 0;
              have = 0;
            }
            sum[2 * o] += (float) (w * vr);
            sum[2 * o + 1] += (float) (w * vi);
            weightSum[o] = have + w;
          } else if (have <= 0) {
            sum[2 * o] += (float) (w * vr);
            sum[2 * o + 1] += (float) (w * vi);
            weightSum[o] = have - w;
          }
        }
      }
    }

    VisibilityBlock finish(
        UvwModel uvw,
        AntennaConfiguration antennas,
        org.radiospark.kernels.model.PhaseCentre centre) {
      int nb = g.nBaselines();
      int nTimes = g.nOutTimes();
      int rows = nTimes * nb;
      double[] u = new double[rows];
      double[] v = new double[rows];
      double[] w = new double[rows];
      int[] a1 = new int[rows];
      int[] a2 = new int[rows];
      double[] time = new double[rows];
      double[] inttim = new double[rows];
      double intSec = g.intMs() / 1e3 * g.timeFactor();
      for (int t = 0; t < nTimes; t++) {
        double mid = unixMsToMjdSec(g.t0Ms()) + (g.outBins()[t] + 0.5) * intSec;
        double[][] ant = UvwCalculator.antennaUvw(uvw.itrfToUvw(mid), antennas);
        for (int b = 0; b < nb; b++) {
          int r = t * nb + b;
          a1[r] = baselineA1[b];
          a2[r] = baselineA2[b];
          u[r] = ant[0][a2[r]] - ant[0][a1[r]];
          v[r] = ant[1][a2[r]] - ant[1][a1[r]];
          w[r] = ant[2][a2[r]] - ant[2][a1[r]];
          time[r] = mid;
          inttim[r] = intSec;
        }
      }
      double[] freq = new double[nChan];
      double[] width = new double[nChan];
      int nf = g.freqFactor();
      for (int c = 0; c < nChan; c++) {
        int ci = c / g.nOutFinePerCoarse();
        int first = (c % g.nOutFinePerCoarse()) * nf;
        double sum = 0;
        for (int k = 0; k < nf; k++) {
          sum += g.nativeFreqHz()[ci * g.nFine() + first + k];
        }
        freq[c] = sum / nf;
        width[c] = nf * g.fineWidthHz();
      }
      // The sums become the averages in place: the block takes over the accumulator's arrays.
      int n = weightSum.length;
      float[] vis = sum;
      float[] weight = weightSum;
      boolean[] flag = new boolean[n];
      for (int i = 0; i < n; i++) {
        float wt = weight[i];
        flag[i] = !(wt > 0);
        if (wt != 0) {
          float a = Math.abs(wt);
          vis[2 * i] /= a;
          vis[2 * i + 1] /= a;
          weight[i] = a;
        }
      }
      return new VisibilityBlock(
          u, v, w, a1, a2, time, inttim, freq, width, POLS.clone(), vis, weight, flag, centre);
    }
  }
}
