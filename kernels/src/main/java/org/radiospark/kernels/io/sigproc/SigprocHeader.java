package org.radiospark.kernels.io.sigproc;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The keywords of a SIGPROC header in file order, each an {@link Integer}, {@link Double} or {@link
 * String} as the SIGPROC specification types it. Immutable; {@link #with} returns a modified copy.
 *
 * <p>Units follow SIGPROC: {@code tsamp} seconds, {@code tstart} MJD (topocentric UTC), {@code
 * fch1} and {@code foff} MHz ({@code fch1} is the centre of the first channel; {@code foff < 0}
 * means frequencies descend with channel index), {@code src_raj}/{@code src_dej} packed
 * hhmmss.s/ddmmss.s.
 */
public final class SigprocHeader {
  /** Value type of a keyword. */
  public enum Type {
    INT,
    DOUBLE,
    STRING
  }

  private static final Map<String, Type> TYPES = new LinkedHashMap<>();

  static {
    for (String k :
        new String[] {
          "telescope_id",
          "machine_id",
          "data_type",
          "barycentric",
          "pulsarcentric",
          "nbits",
          "nsamples",
          "nchans",
          "nifs",
          "nbeams",
          "ibeam"
        }) {
      TYPES.put(k, Type.INT);
    }
    for (String k :
        new String[] {
          "tstart",
          "tsamp",
          "fch1",
          "foff",
          "refdm",
          "az_start",
          "za_start",
          "src_raj",
          "src_dej",
          "period",
          "refrf"
        }) {
      TYPES.put(k, Type.DOUBLE);
    }
    TYPES.put("source_name", Type.STRING);
    TYPES.put("rawdatafile", Type.STRING);
  }

  private final Map<String, Object> values;

  private SigprocHeader(Map<String, Object> values) {
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** An empty header. */
  public static SigprocHeader empty() {
    return new SigprocHeader(Map.of());
  }

  /** The SIGPROC type of {@code keyword}, or null if the specification does not define it. */
  public static Type typeOf(String keyword) {
    return TYPES.get(keyword);
  }

  /**
   * A copy with {@code keyword} set (appended if new, replaced in place otherwise).
   *
   * @throws IllegalArgumentException if the keyword is unknown or the value has the wrong type
   */
  public SigprocHeader with(String keyword, Object value) {
    Type t = TYPES.get(keyword);
    if (t == null) {
      throw new IllegalArgumentException("not a SIGPROC keyword: " + keyword);
    }
    boolean ok =
        switch (t) {
          case INT -> value instanceof Integer;
          case DOUBLE -> value instanceof Double;
          case STRING -> value instanceof String;
        };
    if (!ok) {
      throw new IllegalArgumentException(keyword + " must be " + t + ", got " + value);
    }
    Map<String, Object> m = new LinkedHashMap<>(values);
    m.put(keyword, value);
    return new SigprocHeader(m);
  }

  /** All keywords in file order (unmodifiable). */
  public Map<String, Object> values() {
    return values;
  }

  /** True if {@code keyword} is present. */
  public boolean has(String keyword) {
    return values.containsKey(keyword);
  }

  /** An integer keyword, or {@code dflt} when absent. */
  public int getInt(String keyword, int dflt) {
    Object v = values.get(keyword);
    return v == null ? dflt : (Integer) v;
  }

  /** A double keyword, or {@code dflt} when absent. */
  public double getDouble(String keyword, double dflt) {
    Object v = values.get(keyword);
    return v == null ? dflt : (Double) v;
  }

  /** A string keyword, or {@code dflt} when absent. */
  public String getString(String keyword, String dflt) {
    Object v = values.get(keyword);
    return v == null ? dflt : (String) v;
  }

  /** Number of channels ({@code nchans}, default 1). */
  public int nChans() {
    return getInt("nchans", 1);
  }

  /** Number of IFs/polarisations ({@code nifs}, default 1). */
  public int nIfs() {
    return getInt("nifs", 1);
  }

  /** Bits per sample ({@code nbits}). */
  public int nBits() {
    return getInt("nbits", 0);
  }

  /** Sampling time, seconds ({@code tsamp}). */
  public double tsampSec() {
    return getDouble("tsamp", 0);
  }

  /** Start time, MJD ({@code tstart}). */
  public double tstartMjd() {
    return getDouble("tstart", 0);
  }

  /** Centre frequency of channel 0, MHz ({@code fch1}). */
  public double fch1MHz() {
    return getDouble("fch1", 0);
  }

  /** Channel spacing, MHz ({@code foff}; negative for descending frequency). */
  public double foffMHz() {
    return getDouble("foff", 0);
  }

  /** Centre frequency of each channel, MHz: {@code fch1 + c foff}. */
  public double[] channelFrequenciesMHz() {
    double[] f = new double[nChans()];
    for (int c = 0; c < f.length; c++) {
      f[c] = fch1MHz() + c * foffMHz();
    }
    return f;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SigprocHeader h && h.values.equals(values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return "SigprocHeader" + values;
  }
}
