package org.radiospark.jobs.gleamx;

/**
 * One snapshot of a {@code gleamx} run: its raw files (metafits, gpubox, mwaf) or an already
 * preprocessed UVFITS file. Plain fields for Kryo.
 */
public final class SnapshotRow {
  /** Observation id; also the name of the snapshot's output folder. */
  public String obsid;

  /** Metafits path, or null when {@link #uvfits} is given. */
  public String metafits;

  /** gpubox (or MWAX chCCC) files; empty when {@link #uvfits} is given. */
  public String[] gpubox = new String[0];

  /** Cotter mwaf flag files, possibly none. */
  public String[] mwaf = new String[0];

  /** A preprocessed UVFITS file (the pipeline then starts at {@code flag}), or null. */
  public String uvfits;

  public SnapshotRow() {}

  /** True when the raw correlator files are given (the pipeline starts at {@code preprocess}). */
  public boolean raw() {
    return uvfits == null;
  }
}
