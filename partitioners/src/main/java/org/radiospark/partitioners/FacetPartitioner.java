package org.radiospark.partitioners;

import org.apache.spark.Partitioner;

/**
 * One partition per facet: facet {@code f} of {@code nFacets} goes to partition {@code f}; keys of
 * no facet (out of range, -1 "all facets", or not facet keys) go to the overflow partition, the
 * last one. Used once per ICAL major loop, to re-key the (small) facet images from frequency
 * partitions to facet partitions for deconvolution.
 *
 * <p>Keys are {@link Integer} facet indices or {@link FacetKeyed} values; {@code getPartition} is a
 * projection on the facet index.
 */
public final class FacetPartitioner extends Partitioner {
  private static final long serialVersionUID = 1L;

  private final int nFacetsX;
  private final int nFacetsY;

  /**
   * A grid of {@code nFacetsX x nFacetsY} facets ({@code --facets 2x2}), numbered {@code f = fy *
   * nFacetsX + fx}.
   */
  public FacetPartitioner(int nFacetsX, int nFacetsY) {
    if (nFacetsX < 1 || nFacetsY < 1) {
      throw new IllegalArgumentException(
          "facet grid must be at least 1x1: " + nFacetsX + "x" + nFacetsY);
    }
    this.nFacetsX = nFacetsX;
    this.nFacetsY = nFacetsY;
  }

  /** A key that carries a facet index. */
  public interface FacetKeyed {
    int facetIndex();
  }

  /** The partition of {@code facet}: itself, or {@code nFacets} (overflow) when out of range. */
  public static int partitionOf(int facet, int nFacets) {
    return facet >= 0 && facet < nFacets ? facet : nFacets;
  }

  public int nFacets() {
    return nFacetsX * nFacetsY;
  }

  public int nFacetsX() {
    return nFacetsX;
  }

  public int nFacetsY() {
    return nFacetsY;
  }

  @Override
  public int numPartitions() {
    return nFacets() + 1;
  }

  @Override
  public int getPartition(Object key) {
    if (key instanceof Integer f) {
      return partitionOf(f, nFacets());
    }
    if (key instanceof FacetKeyed k) {
      return partitionOf(k.facetIndex(), nFacets());
    }
    return nFacets();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FacetPartitioner p && p.nFacetsX == nFacetsX && p.nFacetsY == nFacetsY;
  }

  @Override
  public int hashCode() {
    return 31 * nFacetsX + nFacetsY;
  }

  @Override
  public String toString() {
    return "FacetPartitioner(" + nFacetsX + "x" + nFacetsY + ")";
  }
}
