package org.radiospark.partitioners;

import java.io.Serializable;

/**
 * The key of a visibility block in the ICAL data flow: {@code (beam, majorLoop, frequency, time,
 * facet, polarisation)}, each a non-negative index (frequency is a channel or channel-block index,
 * time a time-slot index, facet a facet index or -1 for "all facets", polarisation an index into
 * the block's correlations or -1 for "all").
 *
 * <p>Immutable, with value equality over all six fields and a total order (beam, majorLoop,
 * frequency, time, facet, polarisation) so that sorted outputs are reproducible. {@link #channel()}
 * makes it a {@link FrequencyPartitioner.ChannelKeyed} and {@link #facetIndex()} a {@link
 * FacetPartitioner.FacetKeyed}; Kryo writes it as six varints ({@link VisKeySerializer}).
 */
public final class VisKey
    implements FrequencyPartitioner.ChannelKeyed,
        FacetPartitioner.FacetKeyed,
        Comparable<VisKey>,
        Serializable {
  private static final long serialVersionUID = 1L;

  private final int beam;
  private final int majorLoop;
  private final int frequency;
  private final int time;
  private final int facet;
  private final int polarisation;

  public VisKey(int beam, int majorLoop, int frequency, int time, int facet, int polarisation) {
    if (beam < 0 || majorLoop < 0 || frequency < 0 || time < 0) {
      throw new IllegalArgumentException(
          "beam, majorLoop, frequency and time must be >= 0: "
              + describe(beam, majorLoop, frequency, time, facet, polarisation));
    }
    if (facet < -1 || polarisation < -1) {
      throw new IllegalArgumentException(
          "facet and polarisation must be >= -1 (-1 = all): "
              + describe(beam, majorLoop, frequency, time, facet, polarisation));
    }
    this.beam = beam;
    this.majorLoop = majorLoop;
    this.frequency = frequency;
    this.time = time;
    this.facet = facet;
    this.polarisation = polarisation;
  }

  public int beam() {
    return beam;
  }

  public int majorLoop() {
    return majorLoop;
  }

  public int frequency() {
    return frequency;
  }

  public int time() {
    return time;
  }

  public int facet() {
    return facet;
  }

  public int polarisation() {
    return polarisation;
  }

  @Override
  public int channel() {
    return frequency;
  }

  @Override
  public int facetIndex() {
    return facet;
  }

  /** The same key in another major loop. */
  public VisKey withMajorLoop(int loop) {
    return new VisKey(beam, loop, frequency, time, facet, polarisation);
  }

  /** The same key for another facet. */
  public VisKey withFacet(int f) {
    return new VisKey(beam, majorLoop, frequency, time, f, polarisation);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VisKey k
        && k.beam == beam
        && k.majorLoop == majorLoop
        && k.frequency == frequency
        && k.time == time
        && k.facet == facet
        && k.polarisation == polarisation;
  }

  @Override
  public int hashCode() {
    int h = beam;
    h = 31 * h + majorLoop;
    h = 31 * h + frequency;
    h = 31 * h + time;
    h = 31 * h + facet;
    return 31 * h + polarisation;
  }

  @Override
  public int compareTo(VisKey o) {
    int c = Integer.compare(beam, o.beam);
    if (c == 0) {
      c = Integer.compare(majorLoop, o.majorLoop);
    }
    if (c == 0) {
      c = Integer.compare(frequency, o.frequency);
    }
    if (c == 0) {
      c = Integer.compare(time, o.time);
    }
    if (c == 0) {
      c = Integer.compare(facet, o.facet);
    }
    return c != 0 ? c : Integer.compare(polarisation, o.polarisation);
  }

  @Override
  public String toString() {
    return describe(beam, majorLoop, frequency, time, facet, polarisation);
  }

  private static String describe(int b, int m, int f, int t, int fa, int p) {
    return "VisKey(beam="
        + b
        + ", loop="
        + m
        + ", freq="
        + f
        + ", time="
        + t
        + ", facet="
        + fa
        + ", pol="
        + p
        + ")";
  }
}
