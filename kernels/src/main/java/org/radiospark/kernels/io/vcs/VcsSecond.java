package org.radiospark.kernels.io.vcs;

import java.util.Objects;

/**
 * One second of one coarse channel of legacy VCS voltages: the bytes of one {@code .dat} file.
 *
 * <p>Layout: {@code data[format.offset(sample, fine, vcsIndex)]}, one packed 4+4-bit complex sample
 * per byte ({@link VcsSample}). The array is shared, not copied: treat it as read-only once built.
 *
 * @param format the file's shape
 * @param data {@code format.bytesPerFile()} bytes
 */
public record VcsSecond(VcsFormat format, byte[] data) {
  /** Checks the length. */
  public VcsSecond {
    Objects.requireNonNull(format, "format");
    if (data.length != format.bytesPerFile()) {
      throw new IllegalArgumentException(
          "need " + format.bytesPerFile() + " bytes for " + format + ": " + data.length);
    }
  }

  /** An all-zero second of {@code format}. */
  public static VcsSecond zeros(VcsFormat format) {
    return new VcsSecond(format, new byte[Math.toIntExact(format.bytesPerFile())]);
  }

  /**
   * Unpacks the time series of one input and fine slot into {@code re[t]}, {@code im[t]} (10,000
   * samples each). O(10,000).
   *
   * @param fine fine slot, 0..fineChannels-1
   * @param vcsIndex PFB position of the input, 0..255 ({@link VcsInputMap#position})
   */
  public void unpack(int fine, int vcsIndex, float[] re, float[] im) {
    int stride = format.fineChannels() * VcsFormat.INPUTS;
    int o = format.offset(0, fine, vcsIndex);
    for (int t = 0; t < VcsFormat.SAMPLES_PER_SECOND; t++, o += stride) {
      byte b = data[o];
      re[t] = VcsSample.real(b);
      im[t] = VcsSample.imag(b);
    }
  }

  /** Stores one packed sample. */
  public void set(int sample, int fine, int vcsIndex, byte packed) {
    data[format.offset(sample, fine, vcsIndex)] = packed;
  }

  /** The packed sample at ({@code sample}, {@code fine}, {@code vcsIndex}). */
  public byte get(int sample, int fine, int vcsIndex) {
    return data[format.offset(sample, fine, vcsIndex)];
  }
}
