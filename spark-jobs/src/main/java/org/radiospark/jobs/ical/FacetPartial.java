package org.radiospark.jobs.ical;

/**
 * One source's share of one facet's residual image: the record the once-per-loop shuffle moves to
 * the facet partitions. Registered with Kryo (plain fields).
 */
public final class FacetPartial {
  /** Facet index. */
  public int facet;

  /** The {@link GridProducts#source} it came from. */
  public int source;

  /**
   * Unnormalised residual window {@code [y * width + x]}, single precision (as FITS images and
   * WSClean's are): half the bytes of the loop's one shuffle.
   */
  public float[] residual;

  /** Sum of the imaging weights of the source. */
  public double sumWeights;

  public FacetPartial() {}

  FacetPartial(int facet, int source, float[] residual, double sumWeights) {
    this.facet = facet;
    this.source = source;
    this.residual = residual;
    this.sumWeights = sumWeights;
  }
}
