package org.radiospark.kernels.flagging;

/** Why a sample is flagged; each flagged sample is counted once, under the first reason found. */
public enum FlagReason {
  /** Flagged in the input block. */
  INPUT,
  /** The visibility is exactly zero or not finite (dropout, dead input). */
  INVALID,
  /** One of its antennas is on the bad-antenna list. */
  BAD_ANTENNA,
  /** SumThreshold or a per-timestep/per-channel rms threshold. */
  THRESHOLD,
  /** Dilation of the threshold flags by the scale-invariant rank operator. */
  DILATION,
  /** Its baseline is an outlier among baselines of similar uv distance. */
  BASELINE_OUTLIER
}
