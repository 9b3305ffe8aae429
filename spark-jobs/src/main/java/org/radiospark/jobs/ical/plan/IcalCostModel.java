package org.radiospark.jobs.ical.plan;

import java.util.ArrayList;
import java.util.List;
import org.radiospark.kernels.fft.Fft2D;
import org.radiospark.kernels.gridding.EsKernel;
import org.radiospark.kernels.gridding.KernelTable;

/**
 * Cost model of the ICAL loop on Spark: for each stage, tasks, bytes in, out and shuffled, memory
 * per task and flops, from the dimensions alone, for both {@link Strategy strategies}. A pure
 * function: no Spark, no I/O; O(1) apart from the kernel choice (O(kernel table)).
 *
 * <h2>Data sizes (in-memory primitive arrays, as {@code kernels.model.VisibilityBlock})</h2>
 *
 * <ul>
 *   <li>Visibilities are blocks of one time sample and one frequency partition (the records of the
 *       {@code RDD<VisKey, VisibilityBlock>}): {@code baselines} rows of 48 bytes (u, v, w, time,
 *       integration as doubles, antenna1/2 as ints), 16 bytes per channel (frequency, width), and
 *       13 bytes per complex sample (2 floats, a float weight and a boolean flag, one per row,
 *       channel and polarisation). Object headers, Kryo framing and compression are ignored.
 *   <li>Model, predicted, residual visibilities: a new 8-byte complex float per sample; the other
 *       arrays are shared with the observed block ({@code VisibilityBlock.withVis}).
 *   <li>Channels are split into {@code freqPartitions} contiguous blocks whose sizes differ by at
 *       most one ({@code FrequencyPartitioner}); the largest has {@code ceil(channels / F)}.
 *   <li>Facet images hold double pixels (kernels.model.Image), one per polarisation; facets are
 *       {@code ceil(N / fx) x ceil(N / fy)} without overlap. Facet grids hold complex floats.
 *   <li>Sky-model components: 11 doubles (88 bytes, kernels.model.SkyComponent). Gains: 8 doubles
 *       and a flag per (time sample, frequency partition, antenna): one solution per integration
 *       (SDP's 1 s gain interval) and per frequency partition.
 *   <li>Antennas N: the smallest with {@code N (N - 1) / 2 >= baselines} (197 for 19,306).
 * </ul>
 *
 * <h2>Flops</h2>
 *
 * <ul>
 *   <li>Gridding and degridding: 2-D ES-kernel gridding per facet (faceting, not w-stacking, deals
 *       with the w term), {@code 2 W^2 x 8} flops per sample (visibility and polarisation) and
 *       facet, W the support {@link KernelTable} gives for epsilon (2-D, float-safe as {@code
 *       GridPlan}: the grid correction's dynamic range squared times 2^-24 within epsilon), and the
 *       (W, sigma, grid size) with the fewest flops in total, as ducc0 chooses.
 *   <li>FFT: {@code 5 G log2 G} per facet grid of G points and polarisation, once per frequency
 *       partition; grid correction 2 flops per image pixel.
 *   <li>Phase rotation of a facet's prediction (or residual) between facet and phase centre: 20
 *       flops per visibility (phasor) plus 6 per sample (complex multiply), plus 2 per sample to
 *       sum the facets. DFT of the components: 8 flops per component and visibility.
 *   <li>Solve (StEFCal): 10 iterations (the SDP parametric model) of 16 flops per sample.
 *       Correct/subtract/flag: 32 flops per sample (two 2x2 complex Jones products per visibility
 *       spread over its four correlations, subtraction, flag test).
 *   <li>Deconvolution: Hogbom-like minor cycle, {@code components} iterations per loop in total,
 *       each a peak search (1 flop per pixel) and a PSF subtraction (2 per pixel) over one facet's
 *       polarisations. Re-keying sums the partial images: 1 flop per pixel received.
 * </ul>
 *
 * <h2>Stages and tasks</h2>
 *
 * <p>Both strategies load {@code times x freqPartitions} blocks (one task each). The partitioner
 * strategy then {@code partitionBy}s them to {@code F} frequency partitions (the one visibility
 * shuffle) and persists; every loop stage up to {@code grid_fft} runs as {@code F} narrow tasks
 * over the persisted partitions; {@code rekey_facets} moves the {@code F x facets x pols} partial
 * facet images to the {@code facets} reduce tasks that sum them; {@code deconvolve} runs one task
 * per facet; {@code update_lsm} collects the components on the driver and broadcasts them (once per
 * executor). The cogroup strategy loads without partitioning and, each loop, joins by key: {@code
 * degrid} cogroups the visibilities with the model grids by frequency (visibilities and grids
 * shuffled), {@code pharotpre_dft_sumvis} regroups the per-facet predictions by (frequency, time),
 * {@code solve} and {@code correct_subtract} join the visibilities with the model (and the gain
 * RDD) by (frequency, time), {@code grid_fft} regroups the residuals by frequency: four visibility
 * shuffles per loop. A cogroup task holds the whole group of its key: all times of a frequency
 * partition.
 *
 * <p>Memory per task is the working set a task holds at once (records are streamed one block at a
 * time; grids and images it accumulates are held whole); storage memory of persisted partitions is
 * reported separately ({@link IcalCostEstimate.Derived#partitionBytes}). The PSF is assumed made
 * once and cached with the facets (not counted per loop).
 */
public final class IcalCostModel {
  /** Bytes per visibility row: u, v, w, time, integration (double), antenna1, antenna2 (int). */
  public static final int ROW_BYTES = 5 * 8 + 2 * 4;

  /** Bytes per channel of a block: frequency and width (double). */
  public static final int CHANNEL_BYTES = 2 * 8;

  /** Bytes per sample: complex float, float weight, boolean flag. */
  public static final int SAMPLE_BYTES = 8 + 4 + 1;

  /** Bytes per sample of a model, prediction or residual (complex float). */
  public static final int MODEL_SAMPLE_BYTES = 8;

  /** Bytes of a baseline's u, v, w. */
  public static final int UVW_BYTES = 3 * 8;

  /** Bytes per sky-model component (11 doubles). */
  public static final int COMPONENT_BYTES = 11 * 8;

  /** Bytes per gain-table cell (8 doubles and a flag). */
  public static final int GAIN_CELL_BYTES = 8 * 8 + 1;

  /** Bytes per image pixel (double) and per grid cell (complex float). */
  public static final int PIXEL_BYTES = 8;

  /** Flops per sample, facet and kernel tap pair: {@code 2 W^2 x 8} in all. */
  public static final int GRID_FLOPS_PER_TAP = 16;

  /** StEFCal iterations per solution (SDP parametric model: 10). */
  public static final int SOLVER_ITERATIONS = 10;

  static final double PHASOR_FLOPS = 20;
  static final double ROTATE_FLOPS = 6;
  static final double SUM_FLOPS = 2;
  static final double DFT_FLOPS = 8;
  static final double SOLVER_FLOPS = 16;
  static final double CORRECT_FLOPS = 32;

  private IcalCostModel() {}

  /**
   * The costs of both strategies for {@code d}.
   *
   * @throws IllegalArgumentException if no ES kernel reaches {@code d.epsilon()}, or a byte count
   *     overflows a long
   */
  public static IcalCostEstimate estimate(IcalDimensions d) {
    try {
      Sizes z = new Sizes(d);
      return new IcalCostEstimate(d, z.derived(), List.of(partitioner(d, z), cogroup(d, z)));
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("dimensions too large: a byte count overflows", e);
    }
  }

  /** Every size the stages use, derived once. */
  private static final class Sizes {
    final long b;
    final int c;
    final int p;
    final int t;
    final int f;
    final int nf;
    final int k;
    final int antennas;
    final long rows;
    final long vis;
    final long samples;
    final int chanMax;
    final long visBytes;
    final long blockMax;
    final long partMax;
    final long uvwAll;
    final long modelBytes;
    final long modelBlockMax;
    final int nx;
    final int ny;
    final long imageBytes;
    final KernelChoice kernel;
    final long gridBytes;
    final long gainBytes;
    final long lsmBytes;

    Sizes(IcalDimensions d) {
      b = d.baselines();
      c = d.channels();
      p = d.pols();
      t = d.times();
      f = d.freqPartitions();
      nf = d.nFacets();
      k = d.components();
      antennas = antennasFor(b);
      rows = Math.multiplyExact(b, (long) t);
      vis = Math.multiplyExact(rows, (long) c);
      samples = Math.multiplyExact(vis, (long) p);
      chanMax = (c + f - 1) / f;
      long perTime =
          Math.addExact(
              Math.addExact(Math.multiplyExact((long) f, b * ROW_BYTES), (long) c * CHANNEL_BYTES),
              Math.multiplyExact(Math.multiplyExact(b, (long) c * p), (long) SAMPLE_BYTES));
      visBytes = Math.multiplyExact(perTime, (long) t);
      blockMax = blockBytes(b, chanMax, p);
      partMax = Math.multiplyExact(blockMax, (long) t);
      uvwAll = Math.multiplyExact(Math.multiplyExact(rows, (long) f), (long) UVW_BYTES);
      modelBytes = Math.multiplyExact(samples, (long) MODEL_SAMPLE_BYTES);
      modelBlockMax = mul(b, chanMax, p, MODEL_SAMPLE_BYTES);
      nx = (d.imageSize() + d.facetsX() - 1) / d.facetsX();
      ny = (d.imageSize() + d.facetsY() - 1) / d.facetsY();
      imageBytes = (long) nx * ny * PIXEL_BYTES;
      kernel = KernelChoice.choose(d.epsilon(), nx, ny, (double) samples * nf, (double) f * nf * p);
      gridBytes = (long) kernel.nu * kernel.nv * PIXEL_BYTES;
      gainBytes = Math.multiplyExact((long) t * f, (long) antennas * GAIN_CELL_BYTES);
      lsmBytes = (long) k * COMPONENT_BYTES;
    }

    static long blockBytes(long baselines, int nChan, int nPol) {
      return Math.addExact(
          baselines * ROW_BYTES + (long) nChan * CHANNEL_BYTES,
          Math.multiplyExact(baselines, (long) nChan * nPol * SAMPLE_BYTES));
    }

    double fftFlops() {
      double g = (double) kernel.nu * kernel.nv;
      return 5 * g * (Math.log(g) / Math.log(2)) + 2.0 * nx * ny;
    }

    double gridFlopsPerSample() {
      return (double) GRID_FLOPS_PER_TAP * kernel.support * kernel.support;
    }

    IcalCostEstimate.Derived derived() {
      return new IcalCostEstimate.Derived(
          antennas,
          rows,
          samples,
          visBytes,
          partMax,
          blockMax,
          chanMax,
          nx,
          ny,
          imageBytes,
          kernel.support,
          kernel.sigma,
          kernel.nu,
          kernel.nv,
          gridBytes,
          gainBytes,
          lsmBytes);
    }
  }

  /** Smallest N with N (N - 1) / 2 >= baselines. */
  static int antennasFor(long baselines) {
    long n = (long) Math.floor((1 + Math.sqrt(1 + 8.0 * baselines)) / 2);
    while (n * (n - 1) / 2 < baselines) {
      n++;
    }
    while (n > 2 && (n - 1) * (n - 2) / 2 >= baselines) {
      n--;
    }
    return (int) n;
  }

  /** The ES kernel and facet grid a float gridder would choose for epsilon (2-D). */
  private record KernelChoice(int support, double sigma, int nu, int nv) {
    static KernelChoice choose(
        double epsilon, int nx, int ny, double griddedSamples, double transforms) {
      List<KernelTable.Entry> cands = KernelTable.candidates(epsilon, 2, 1.1, 2.6);
      List<KernelTable.Entry> safe = new ArrayList<>();
      KernelTable.Entry least = cands.get(0);
      double leastAmp = Double.POSITIVE_INFINITY;
      for (KernelTable.Entry e : cands) {
        double amp = Math.pow(EsKernel.correctionRange(e.support(), e.beta(), e.sigma()), 2);
        if (amp * 0x1p-24 <= epsilon) {
          safe.add(e);
        }
        if (amp < leastAmp) {
          leastAmp = amp;
          least = e;
        }
      }
      if (safe.isEmpty()) {
        safe.add(least);
      }
      KernelChoice best = null;
      double bestFlops = Double.POSITIVE_INFINITY;
      for (KernelTable.Entry e : safe) {
        int nu = Fft2D.goodEvenSize((int) Math.ceil(e.sigma() * nx));
        int nv = Fft2D.goodEvenSize((int) Math.ceil(e.sigma() * ny));
        double g = (double) nu * nv;
        double flops =
            griddedSamples * GRID_FLOPS_PER_TAP * e.support() * e.support()
                + transforms * 5 * g * Math.log(g) / Math.log(2);
        if (flops < bestFlops) {
          bestFlops = flops;
          best = new KernelChoice(e.support(), e.sigma(), nu, nv);
        }
      }
      return best;
    }
  }

  private static StageCost stage(
      String name,
      boolean perLoop,
      long tasks,
      long in,
      long out,
      long shuffle,
      long memory,
      double flops) {
    return new StageCost(name, perLoop, tasks, in, out, shuffle, memory, flops);
  }

  private static long mul(long... v) {
    long r = 1;
    for (long x : v) {
      r = Math.multiplyExact(r, x);
    }
    return r;
  }

  private static long add(long... v) {
    long r = 0;
    for (long x : v) {
      r = Math.addExact(r, x);
    }
    return r;
  }

  /** Stages whose work is the same in both strategies; only data movement differs. */
  private static final class Work {
    final double reppre;
    final double degrid;
    final double sumvis;
    final double solve;
    final double correct;
    final double grid;
    final double rekey;
    final double deconvolve;

    Work(IcalDimensions d, Sizes z) {
      double s = z.samples;
      double v = z.vis;
      double transforms = (double) z.f * z.nf * z.p;
      reppre = transforms * z.fftFlops();
      degrid = z.nf * s * z.gridFlopsPerSample();
      sumvis = z.nf * (PHASOR_FLOPS * v + (ROTATE_FLOPS + SUM_FLOPS) * s) + DFT_FLOPS * z.k * v;
      solve = SOLVER_ITERATIONS * SOLVER_FLOPS * s;
      correct = CORRECT_FLOPS * s;
      grid =
          z.nf * (s * z.gridFlopsPerSample() + PHASOR_FLOPS * v + ROTATE_FLOPS * s)
              + transforms * z.fftFlops();
      rekey = transforms * z.nx * z.ny;
      deconvolve = 3.0 * z.k * z.p * z.nx * z.ny;
    }
  }

  private static StrategyCost partitioner(IcalDimensions d, Sizes z) {
    Work w = new Work(d, z);
    long grids = mul(z.f, z.nf, z.p, z.gridBytes);
    long facetGrids = mul(z.nf, z.p, z.gridBytes);
    long partials = mul(z.f, z.nf, z.p, z.imageBytes);
    long images = mul(z.nf, z.p, z.imageBytes);
    List<StageCost> s = new ArrayList<>();
    s.add(
        stage(
            "load+partitionBy",
            false,
            (long) z.t * z.f + z.f,
            z.visBytes,
            z.visBytes,
            z.visBytes,
            z.blockMax,
            0));
    s.add(stage("reppre_ifft", true, z.f, z.f * z.lsmBytes, grids, 0, facetGrids, w.reppre));
    s.add(
        stage(
            "degrid",
            true,
            z.f,
            add(z.uvwAll, grids),
            mul(z.nf, z.modelBytes),
            0,
            add(facetGrids, z.blockMax, mul(z.nf, z.modelBlockMax)),
            w.degrid));
    s.add(
        stage(
            "pharotpre_dft_sumvis",
            true,
            z.f,
            add(mul(z.nf, z.modelBytes), z.uvwAll, z.f * z.lsmBytes),
            z.modelBytes,
            0,
            add(mul(z.nf + 1, z.modelBlockMax), z.b * UVW_BYTES),
            w.sumvis));
    s.add(
        stage(
            "solve",
            true,
            z.f,
            add(z.visBytes, z.modelBytes),
            z.gainBytes,
            0,
            z.blockMax + z.modelBlockMax,
            w.solve));
    s.add(
        stage(
            "correct_subtract",
            true,
            z.f,
            add(z.visBytes, z.modelBytes, mul(z.f, z.gainBytes)),
            add(z.modelBytes, z.samples),
            0,
            add(z.blockMax, z.modelBlockMax, z.gainBytes),
            w.correct));
    s.add(
        stage("grid_fft", true, z.f, z.visBytes, partials, 0, add(facetGrids, z.blockMax), w.grid));
    s.addAll(facetStages(d, z, w, partials, images));
    return summarise(Strategy.PARTITIONER, d, s);
  }

  private static StrategyCost cogroup(IcalDimensions d, Sizes z) {
    Work w = new Work(d, z);
    long grids = mul(z.f, z.nf, z.p, z.gridBytes);
    long facetGrids = mul(z.nf, z.p, z.gridBytes);
    long partials = mul(z.f, z.nf, z.p, z.imageBytes);
    long images = mul(z.nf, z.p, z.imageBytes);
    long loadTasks = (long) z.t * z.f;
    List<StageCost> s = new ArrayList<>();
    s.add(stage("load", false, loadTasks, z.visBytes, z.visBytes, 0, z.blockMax, 0));
    s.add(
        stage(
            "reppre_ifft",
            true,
            (long) z.f * z.nf,
            mul(z.f, z.nf, z.lsmBytes),
            grids,
            0,
            mul(z.p, z.gridBytes),
            w.reppre));
    // cogroup(visibilities, model grids) by frequency: both sides move; a reduce task holds the
    // whole group of its key, every time sample of the partition and the grids of every facet.
    s.add(
        stage(
            "degrid",
            true,
            loadTasks + (long) z.f * z.nf + z.f,
            add(z.visBytes, grids),
            mul(z.nf, z.modelBytes),
            add(z.visBytes, grids),
            add(z.partMax, facetGrids, mul(z.nf, z.modelBlockMax)),
            w.degrid));
    s.add(
        stage(
            "pharotpre_dft_sumvis",
            true,
            2L * z.f,
            add(mul(z.nf, z.modelBytes), z.uvwAll, z.f * z.lsmBytes),
            z.modelBytes,
            mul(z.nf, z.modelBytes),
            add(mul(z.nf + 1, z.modelBlockMax), z.b * UVW_BYTES),
            w.sumvis));
    s.add(
        stage(
            "solve",
            true,
            loadTasks + z.f,
            add(z.visBytes, z.modelBytes),
            z.gainBytes,
            z.visBytes,
            z.blockMax + z.modelBlockMax,
            w.solve));
    s.add(
        stage(
            "correct_subtract",
            true,
            loadTasks + z.f + z.f,
            add(z.visBytes, z.modelBytes, z.gainBytes),
            add(z.modelBytes, z.samples),
            add(z.visBytes, z.gainBytes),
            add(z.blockMax, z.modelBlockMax, z.gainBytes),
            w.correct));
    s.add(
        stage(
            "grid_fft",
            true,
            2L * z.f,
            z.visBytes,
            partials,
            z.visBytes,
            add(z.partMax, facetGrids),
            w.grid));
    s.addAll(facetStages(d, z, w, partials, images));
    return summarise(Strategy.COGROUP, d, s);
  }

  /** rekey_facets, deconvolve, update_lsm: the same in both strategies. */
  private static List<StageCost> facetStages(
      IcalDimensions d, Sizes z, Work w, long partials, long images) {
    long facetImages = (long) z.p * z.imageBytes;
    return List.of(
        stage("rekey_facets", true, z.nf, partials, images, partials, 2 * facetImages, w.rekey),
        stage(
            "deconvolve",
            true,
            z.nf,
            2 * images,
            add(images, z.lsmBytes),
            0,
            4 * facetImages,
            w.deconvolve),
        stage("update_lsm", true, 0, z.lsmBytes, mul(d.executors(), z.lsmBytes), 0, z.lsmBytes, 0));
  }

  private static StrategyCost summarise(Strategy st, IcalDimensions d, List<StageCost> s) {
    CostTotals once = CostTotals.of(s.stream().filter(x -> !x.perLoop()).toList());
    CostTotals loop = CostTotals.of(s.stream().filter(StageCost::perLoop).toList());
    return new StrategyCost(st, s, once, loop, CostTotals.run(once, loop, d.nMajor()));
  }
}
