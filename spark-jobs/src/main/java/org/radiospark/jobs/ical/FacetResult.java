package org.radiospark.jobs.ical;

/** One facet's outcome of a major loop, sent to the driver. Registered with Kryo (plain fields). */
public final class FacetResult {
  public int facet;

  /** Components found in this loop, Jy/pixel, facet window. */
  public double[] modelIncrement;

  /** Residual window before cleaning (normalised, Jy/beam). */
  public double[] residualBefore;

  /** Residual window after this loop's minor cycle (image plane), Jy/beam. */
  public double[] residualAfter;

  /** Minor iterations run over the window (guard band included). */
  public long iterations;

  public double rmsJy;
  public double thresholdJy;
  public double startPeakJy;
  public double finalPeakJy;
  public boolean converged;

  public FacetResult() {}
}
