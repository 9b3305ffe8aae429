package org.radiospark.jobs.ical.plan;

/**
 * The dimensions an ICAL run is planned from: data volume, partitioning, imaging and cluster size.
 * Immutable; every field is checked on construction. Build one with {@link #builder}.
 *
 * @param baselines cross-correlation baselines per time sample (19,306 for SKA1-MID's 197 dishes)
 * @param channels frequency channels
 * @param pols correlation products per sample, 1..4
 * @param times time samples (integrations)
 * @param freqPartitions frequency partitions (contiguous channel blocks, as {@code
 *     FrequencyPartitioner}), 1..channels
 * @param facetsX facets along the image's x axis
 * @param facetsY facets along y
 * @param imageSize full image size in pixels per side (each facet is {@code ceil(imageSize /
 *     facetsX) x ceil(imageSize / facetsY)})
 * @param nMajor major loops
 * @param components sky-model components: DFT'd each loop, and the number of minor-cycle iterations
 *     of a loop's deconvolution
 * @param epsilon gridder accuracy; fixes the ES kernel support and oversampling
 * @param executors Spark executors (the LSM and gain broadcasts reach each once)
 * @param coresPerExecutor cores per executor
 */
public record IcalDimensions(
    long baselines,
    int channels,
    int pols,
    int times,
    int freqPartitions,
    int facetsX,
    int facetsY,
    int imageSize,
    int nMajor,
    int components,
    double epsilon,
    int executors,
    int coresPerExecutor) {

  /** Validates every field; throws IllegalArgumentException naming the field. */
  public IcalDimensions {
    positive("baselines", baselines);
    positive("channels", channels);
    positive("times", times);
    positive("freqPartitions", freqPartitions);
    positive("facetsX", facetsX);
    positive("facetsY", facetsY);
    positive("imageSize", imageSize);
    positive("nMajor", nMajor);
    positive("executors", executors);
    positive("coresPerExecutor", coresPerExecutor);
    if (pols < 1 || pols > 4) {
      throw new IllegalArgumentException("pols must be 1..4: " + pols);
    }
    if (freqPartitions > channels) {
      throw new IllegalArgumentException(
          "freqPartitions must be at most channels (" + channels + "): " + freqPartitions);
    }
    if (facetsX > imageSize || facetsY > imageSize) {
      throw new IllegalArgumentException(
          "facets " + facetsX + "x" + facetsY + " exceed the image size " + imageSize);
    }
    if (components < 0) {
      throw new IllegalArgumentException("components must be >= 0: " + components);
    }
    // visibilities are float32, so the gridder cannot promise better than ~1e-6 (GridderParams)
    if (!(epsilon >= 1e-6) || !(epsilon < 0.1)) {
      throw new IllegalArgumentException("epsilon must be in [1e-6, 0.1): " + epsilon);
    }
    if (baselines > 1L << 40 || (long) channels * pols > 1L << 30) {
      throw new IllegalArgumentException("dimensions too large to plan");
    }
  }

  private static void positive(String name, long v) {
    if (v < 1) {
      throw new IllegalArgumentException(name + " must be positive: " + v);
    }
  }

  /** Number of facets. */
  public int nFacets() {
    return facetsX * facetsY;
  }

  /** Total cores of the cluster. */
  public int totalCores() {
    return executors * coresPerExecutor;
  }

  /**
   * A builder with the defaults documented on its setters, for the four data dimensions.
   *
   * @see Builder
   */
  public static Builder builder(long baselines, int channels, int pols, int times) {
    return new Builder(baselines, channels, pols, times);
  }

  /** A copy with another number of time samples. */
  public IcalDimensions withTimes(int t) {
    return new IcalDimensions(
        baselines,
        channels,
        pols,
        t,
        freqPartitions,
        facetsX,
        facetsY,
        imageSize,
        nMajor,
        components,
        epsilon,
        executors,
        coresPerExecutor);
  }

  /** A copy with another number of frequency partitions. */
  public IcalDimensions withFreqPartitions(int f) {
    return new IcalDimensions(
        baselines,
        channels,
        pols,
        times,
        f,
        facetsX,
        facetsY,
        imageSize,
        nMajor,
        components,
        epsilon,
        executors,
        coresPerExecutor);
  }

  /**
   * Builder of {@link IcalDimensions}. Defaults: 2x2 facets, 8192-pixel image, 9 major loops and
   * 1000 components (the SDP parametric model's ICAL: 3 self-calibration rounds x 2 major cycles +
   * 1 = 9, 1000 sources), epsilon 1e-5, 8 executors x 4 cores, and one frequency partition per core
   * ({@code min(channels, executors x cores)}) so that each narrow stage of a loop runs in one
   * wave.
   */
  public static final class Builder {
    private final long baselines;
    private final int channels;
    private final int pols;
    private final int times;
    private Integer freqPartitions;
    private int facetsX = 2;
    private int facetsY = 2;
    private int imageSize = 8192;
    private int nMajor = 9;
    private int components = 1000;
    private double epsilon = 1e-5;
    private int executors = 8;
    private int cores = 4;

    private Builder(long baselines, int channels, int pols, int times) {
      this.baselines = baselines;
      this.channels = channels;
      this.pols = pols;
      this.times = times;
    }

    /** Frequency partitions (default one per core, at most one per channel). */
    public Builder freqPartitions(int f) {
      this.freqPartitions = f;
      return this;
    }

    /** Facet grid (default 2 x 2). */
    public Builder facets(int x, int y) {
      this.facetsX = x;
      this.facetsY = y;
      return this;
    }

    /** Image size in pixels per side (default 8192). */
    public Builder imageSize(int n) {
      this.imageSize = n;
      return this;
    }

    /** Major loops (default 9). */
    public Builder nMajor(int n) {
      this.nMajor = n;
      return this;
    }

    /** Sky-model components (default 1000). */
    public Builder components(int k) {
      this.components = k;
      return this;
    }

    /** Gridder accuracy (default 1e-5). */
    public Builder epsilon(double e) {
      this.epsilon = e;
      return this;
    }

    /** Cluster size (default 8 executors x 4 cores). */
    public Builder cluster(int executors, int coresPerExecutor) {
      this.executors = executors;
      this.cores = coresPerExecutor;
      return this;
    }

    /** The validated dimensions. */
    public IcalDimensions build() {
      int f =
          freqPartitions != null
              ? freqPartitions
              : (int) Math.max(1, Math.min(channels, (long) executors * cores));
      return new IcalDimensions(
          baselines,
          channels,
          pols,
          times,
          f,
          facetsX,
          facetsY,
          imageSize,
          nMajor,
          components,
          epsilon,
          executors,
          cores);
    }
  }
}
