package org.radiospark.kernels.io.sigproc;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.radiospark.kernels.io.AtomicFiles;
import org.radiospark.kernels.model.InvalidInputException;

/**
 * Reader and writer of SIGPROC filterbank and time-series files (SIGPROC user guide, D. Lorimer).
 *
 * <p>Header: little-endian; each keyword is an int32 length followed by that many ASCII bytes,
 * followed by its value (int32, float64, or int32-length-prefixed string), between the strings
 * {@code HEADER_START} and {@code HEADER_END}. Data: {@code nbits} per sample, time-major, IF, then
 * channel fastest. Samples narrower than a byte are packed low bits first (sample {@code k} of a
 * byte occupies bits {@code k*nbits .. (k+1)*nbits-1}, as SIGPROC and sigpyproc unpack them).
 * Supported: {@code nbits} 1, 2, 4, 8 (unsigned) and 32 (float). Reading and writing are O(file
 * size); writing then reading reproduces header and samples exactly.
 */
public final class Sigproc {
  private static final int MAX_KEYWORD_LENGTH = 80;

  private Sigproc() {}

  /** Reads a filterbank file. */
  public static Filterbank readFilterbank(Path file) throws IOException {
    byte[] bytes = readAll(file);
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    SigprocHeader h = readHeader(b, file.toString());
    requireKeyword(h, "nchans", file);
    requireKeyword(h, "nbits", file);
    requireKeyword(h, "tsamp", file);
    int nbits = h.nBits();
    if (nbits != 1 && nbits != 2 && nbits != 4 && nbits != 8 && nbits != 32) {
      throw new InvalidInputException(
          file.toString(), "nbits", "expected 1, 2, 4, 8 or 32, got " + nbits);
    }
    if (h.nChans() < 1) {
      throw new InvalidInputException(file.toString(), "nchans", "must be >= 1, got " + h.nChans());
    }
    if (h.nIfs() < 1) {
      throw new InvalidInputException(file.toString(), "nifs", "must be >= 1, got " + h.nIfs());
    }
    if (!(h.tsampSec() > 0)) {
      throw new InvalidInputException(
          file.toString(), "tsamp", "must be > 0 s, got " + h.tsampSec());
    }
    long perSpectrum = (long) h.nChans() * h.nIfs();
    long nSamples = (long) b.remaining() * 8 / (perSpectrum * nbits);
    if (nSamples * perSpectrum > Integer.MAX_VALUE - 16) {
      throw new InvalidInputException(file.toString(), "data", "too many samples for one array");
    }
    float[] data = unpack(b, (int) (nSamples * perSpectrum), nbits);
    return new Filterbank(h, data);
  }

  /** Reads a time-series file ({@code nchans} must be 1; 8- or 32-bit samples). */
  public static TimeSeries readTimeSeries(Path file) throws IOException {
    byte[] bytes = readAll(file);
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    SigprocHeader h = readHeader(b, file.toString());
    requireKeyword(h, "tsamp", file);
    if (h.nChans() != 1) {
      throw new InvalidInputException(
          file.toString(), "nchans", "a time series has 1, got " + h.nChans());
    }
    int nbits = h.getInt("nbits", 32);
    if (nbits != 8 && nbits != 32) {
      throw new InvalidInputException(
          file.toString(), "nbits", "expected 8 or 32 for a time series, got " + nbits);
    }
    if (!(h.tsampSec() > 0)) {
      throw new InvalidInputException(
          file.toString(), "tsamp", "must be > 0 s, got " + h.tsampSec());
    }
    int n = b.remaining() * 8 / nbits;
    return new TimeSeries(h, unpack(b, n, nbits));
  }

  /** Writes a filterbank file atomically (see {@link AtomicFiles}). */
  public static void writeFilterbank(Path file, Filterbank fb, boolean overwrite)
      throws IOException {
    SigprocHeader h = fb.header();
    int nbits = h.nBits();
    if (nbits != 1 && nbits != 2 && nbits != 4 && nbits != 8 && nbits != 32) {
      throw new IllegalArgumentException("nbits must be 1, 2, 4, 8 or 32: " + nbits);
    }
    byte[] header = encodeHeader(h);
    byte[] data = pack(fb.data(), nbits);
    AtomicFiles.write(
        file,
        overwrite,
        out -> {
          out.write(header);
          out.write(data);
        });
  }

  /**
   * Writes a time-series file atomically; samples are written with the header's nbits (32 default).
   */
  public static void writeTimeSeries(Path file, TimeSeries ts, boolean overwrite)
      throws IOException {
    SigprocHeader h = ts.header();
    if (!h.has("nbits")) {
      h = h.with("nbits", 32);
    }
    int nbits = h.nBits();
    if (nbits != 8 && nbits != 32) {
      throw new IllegalArgumentException("time series nbits must be 8 or 32: " + nbits);
    }
    byte[] header = encodeHeader(h);
    byte[] data = pack(ts.samples(), nbits);
    AtomicFiles.write(
        file,
        overwrite,
        out -> {
          out.write(header);
          out.write(data);
        });
  }

  /** The whole file; files that do not fit one Java array are refused as bad input. */
  private static byte[] readAll(Path file) throws IOException {
    if (Files.size(file) > Integer.MAX_VALUE - 16) {
      throw new InvalidInputException(
          file.toString(), "size", "larger than 2 GB: split it (e.g. by time) before reading");
    }
    return Files.readAllBytes(file);
  }

  /** Parses the header at the buffer's position, leaving it at the first data byte. */
  static SigprocHeader readHeader(ByteBuffer b, String file) {
    String first = readString(b, file, "HEADER_START");
    if (!first.equals("HEADER_START")) {
      throw new InvalidInputException(
          file, "HEADER_START", "not a SIGPROC file: starts with '" + first + "'");
    }
    SigprocHeader h = SigprocHeader.empty();
    while (true) {
      String key = readString(b, file, "keyword");
      if (key.equals("HEADER_END")) {
        return h;
      }
      SigprocHeader.Type t = SigprocHeader.typeOf(key);
      if (t == null) {
        throw new InvalidInputException(
            file, key, "unknown SIGPROC header keyword (its value size is undefined)");
      }
      if (h.has(key)) {
        throw new InvalidInputException(file, key, "keyword appears twice");
      }
      try {
        h =
            switch (t) {
              case INT -> h.with(key, b.getInt());
              case DOUBLE -> h.with(key, b.getDouble());
              case STRING -> h.with(key, readString(b, file, key));
            };
      } catch (java.nio.BufferUnderflowException e) {
        throw new InvalidInputException(file, key, "file ends inside the header value", e);
      }
    }
  }

  private static String readString(ByteBuffer b, String file, String field) {
    if (b.remaining() < 4) {
      throw new InvalidInputException(file, field, "file ends inside the header (no HEADER_END)");
    }
    int n = b.getInt();
    if (n < 0 || n > MAX_KEYWORD_LENGTH || n > b.remaining()) {
      throw new InvalidInputException(
          file,
          field,
          "string length " + n + " outside 0.." + MAX_KEYWORD_LENGTH + " (corrupt header)");
    }
    byte[] s = new byte[n];
    b.get(s);
    return new String(s, StandardCharsets.US_ASCII);
  }

  private static void requireKeyword(SigprocHeader h, String key, Path file) {
    if (!h.has(key)) {
      throw new InvalidInputException(file.toString(), key, "required header keyword is missing");
    }
  }

  /** The header bytes, HEADER_START to HEADER_END inclusive, keywords in the header's order. */
  static byte[] encodeHeader(SigprocHeader h) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writeString(out, "HEADER_START");
    for (Map.Entry<String, Object> e : h.values().entrySet()) {
      writeString(out, e.getKey());
      Object v = e.getValue();
      if (v instanceof Integer i) {
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(i).array());
      } else if (v instanceof Double d) {
        out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(d).array());
      } else {
        writeString(out, (String) v);
      }
    }
    writeString(out, "HEADER_END");
    return out.toByteArray();
  }

  private static void writeString(ByteArrayOutputStream out, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.US_ASCII);
    out.writeBytes(
        ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(bytes.length).array());
    out.writeBytes(bytes);
  }

  private static float[] unpack(ByteBuffer b, int n, int nbits) {
    float[] out = new float[n];
    if (nbits == 32) {
      b.asFloatBuffer().get(out);
      return out;
    }
    int perByte = 8 / nbits;
    int mask = (1 << nbits) - 1;
    int start = b.position();
    byte[] a = b.array();
    for (int k = 0; k < n; k++) {
      int v = a[start + k / perByte] & 0xff;
      out[k] = (v >>> ((k % perByte) * nbits)) & mask;
    }
    return out;
  }

  private static byte[] pack(float[] data, int nbits) {
    if (nbits == 32) {
      ByteBuffer bb = ByteBuffer.allocate(4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
      bb.asFloatBuffer().put(data);
      return bb.array();
    }
    int perByte = 8 / nbits;
    int max = (1 << nbits) - 1;
    byte[] out = new byte[(data.length + perByte - 1) / perByte];
    for (int k = 0; k < data.length; k++) {
      float v = data[k];
      if (!(v >= 0 && v <= max) || v != Math.rint(v)) {
        throw new IllegalArgumentException(
            "sample "
                + k
                + " = "
                + v
                + " is not an integer in 0.."
                + max
                + " (nbits "
                + nbits
                + ")");
      }
      out[k / perByte] |= (byte) (((int) v) << ((k % perByte) * nbits));
    }
    return out;
  }
}
