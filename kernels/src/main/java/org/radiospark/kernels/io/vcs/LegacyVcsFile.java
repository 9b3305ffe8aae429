package org.radiospark.kernels.io.vcs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.radiospark.kernels.io.AtomicFiles;
import org.radiospark.kernels.model.InvalidInputException;

/**
 * Reads and writes legacy VCS {@code .dat} files (headerless; see {@link VcsFormat}). The writer is
 * atomic ({@link AtomicFiles}), so a failed write leaves no file.
 */
public final class LegacyVcsFile {
  private LegacyVcsFile() {}

  /**
   * Reads a whole file; its format is inferred from its size (a full file, or a reduced test size
   * with a divisor of 128 fine channels). O(size).
   *
   * @throws InvalidInputException naming the file and its size when the size fits no format
   */
  public static VcsSecond read(Path file) throws IOException {
    long size = Files.size(file);
    VcsFormat f = VcsFormat.ofFileSize(size);
    if (f == null) {
      throw new InvalidInputException(
          file.toString(),
          "file size",
          size
              + " bytes is not 10000 samples x F fine channels x 256 inputs (F dividing 128; "
              + VcsFormat.LEGACY.bytesPerFile()
              + " bytes for a full file)");
    }
    return read(file, f);
  }

  /**
   * Reads a file that must have format {@code expected}.
   *
   * @throws InvalidInputException naming the file when its size differs from the format's
   */
  public static VcsSecond read(Path file, VcsFormat expected) throws IOException {
    long size = Files.size(file);
    if (size != expected.bytesPerFile()) {
      throw new InvalidInputException(
          file.toString(),
          "file size",
          size
              + " bytes, expected "
              + expected.bytesPerFile()
              + " (10000 samples x "
              + expected.fineChannels()
              + " fine channels x 256 inputs)");
    }
    byte[] data = new byte[Math.toIntExact(size)];
    try (InputStream in = Files.newInputStream(file)) {
      int n = in.readNBytes(data, 0, data.length);
      if (n != data.length) {
        throw new InvalidInputException(
            file.toString(), "data", "file ended after " + n + " of " + data.length + " bytes");
      }
    }
    return new VcsSecond(expected, data);
  }

  /** Writes {@code second} to {@code file} atomically. */
  public static void write(Path file, VcsSecond second, boolean overwrite) throws IOException {
    AtomicFiles.write(file, overwrite, out -> out.write(second.data()));
  }
}
