package org.radiospark.kernels.io.mwa;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.radiospark.kernels.io.AtomicFiles;
import org.radiospark.kernels.model.InvalidInputException;

/**
 * Reads and writes {@code MWAOCAL} binary calibration solutions (mwa-reduce's format as documented
 * by hyperdrive and the MWA wiki): little-endian; a 48-byte header of the 8-byte string {@code
 * "MWAOCAL\0"}, uint32 file type (0 = complex Jones), uint32 structure type (0), uint32 interval,
 * antenna, channel and polarisation counts (4), float64 start and end time; then {@code intervals x
 * antennas x channels x 4} complex doubles (re, im) in that order, polarisation fastest.
 */
public final class AoCalFile {
  /** Header bytes. */
  public static final int HEADER_BYTES = 48;

  private static final byte[] MAGIC = "MWAOCAL\0".getBytes(StandardCharsets.US_ASCII);

  private AoCalFile() {}

  /**
   * Reads a solutions file. O(size).
   *
   * @throws InvalidInputException naming the file and the field: magic string, file or structure
   *     type other than 0, polarisation count other than 4, or a size that does not match the
   *     counts
   */
  public static AoCalSolutions read(Path file) throws IOException {
    byte[] all = Files.readAllBytes(file);
    String f = file.toString();
    if (all.length < HEADER_BYTES) {
      throw new InvalidInputException(
          f, "header", all.length + " bytes, shorter than the 48-byte MWAOCAL header");
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (all[i] != MAGIC[i]) {
        throw new InvalidInputException(f, "intro", "expected the string \"MWAOCAL\\0\"");
      }
    }
    ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
    b.position(8);
    long fileType = Integer.toUnsignedLong(b.getInt());
    long structureType = Integer.toUnsignedLong(b.getInt());
    long intervals = Integer.toUnsignedLong(b.getInt());
    long antennas = Integer.toUnsignedLong(b.getInt());
    long channels = Integer.toUnsignedLong(b.getInt());
    long pols = Integer.toUnsignedLong(b.getInt());
    double start = b.getDouble();
    double end = b.getDouble();
    if (fileType != 0) {
      throw new InvalidInputException(f, "fileType", fileType + ", expected 0 (complex Jones)");
    }
    if (structureType != 0) {
      throw new InvalidInputException(f, "structureType", structureType + ", expected 0");
    }
    if (pols != 4) {
      throw new InvalidInputException(f, "polarizationCount", pols + ", expected 4");
    }
    if (intervals < 1 || antennas < 1 || channels < 1) {
      throw new InvalidInputException(
          f,
          "intervalCount/antennaCount/channelCount",
          intervals + "/" + antennas + "/" + channels + ", expected each >= 1");
    }
    long doubles = intervals * antennas * channels * 8;
    long expected = HEADER_BYTES + doubles * 8;
    if (all.length != expected) {
      throw new InvalidInputException(
          f,
          "file size",
          all.length
              + " bytes, expected "
              + expected
              + " for "
              + intervals
              + " intervals x "
              + antennas
              + " antennas x "
              + channels
              + " channels x 4 pols");
    }
    double[] jones = new double[(int) doubles];
    b.asDoubleBuffer().get(jones);
    return new AoCalSolutions((int) intervals, (int) antennas, (int) channels, start, end, jones);
  }

  /** Writes {@code s} to {@code file} atomically. */
  public static void write(Path file, AoCalSolutions s, boolean overwrite) throws IOException {
    ByteBuffer b =
        ByteBuffer.allocate(HEADER_BYTES + s.jones().length * 8).order(ByteOrder.LITTLE_ENDIAN);
    b.put(MAGIC);
    b.putInt(0);
    b.putInt(0);
    b.putInt(s.nIntervals());
    b.putInt(s.nAntennas());
    b.putInt(s.nChannels());
    b.putInt(4);
    b.putDouble(s.startTime());
    b.putDouble(s.endTime());
    for (double v : s.jones()) {
      b.putDouble(v);
    }
    byte[] bytes = b.array();
    AtomicFiles.write(file, overwrite, out -> out.write(bytes));
  }
}
