package org.radiospark.kernels.io.vcs;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.radiospark.kernels.io.AtomicFiles;
import org.radiospark.kernels.model.InvalidInputException;

/**
 * A zstd-compressed POSIX tar ("ustar") archive of VCS files: the repacked form of a block of
 * seconds of one coarse channel ({@code .tar.zst}).
 *
 * <p>Each member is a 512-byte ustar header (name, octal size, checksum) followed by the file's
 * bytes padded to a multiple of 512; two zero blocks end the archive (POSIX.1-1988). The stream is
 * compressed as one zstd frame; {@code tar --zstd -xf} unpacks it. Writing is atomic.
 */
public final class VcsArchive {
  private static final int BLOCK = 512;

  private VcsArchive() {}

  /**
   * Sizes of a written archive.
   *
   * @param rawBytes sum of the member files' sizes
   * @param tarBytes size of the uncompressed tar stream
   * @param compressedBytes size of the {@code .tar.zst} file
   */
  public record Stats(long rawBytes, long tarBytes, long compressedBytes) {
    /** {@code rawBytes / compressedBytes}. */
    public double ratio() {
      return (double) rawBytes / compressedBytes;
    }
  }

  /** A member of an archive: its name and bytes. */
  public record Member(String name, byte[] data) {}

  /**
   * Writes {@code files} (by their file names) into {@code target}, zstd level {@code level}.
   *
   * @param target the {@code .tar.zst} to write (its folder must exist)
   * @param files members, in order; names must fit the 100-byte ustar name field
   * @param level zstd compression level (1..19; 3 is zstd's default)
   * @param overwrite whether {@code target} may be replaced
   */
  public static Stats write(Path target, List<Path> files, int level, boolean overwrite)
      throws IOException {
    long[] raw = {0};
    long[] tar = {0};
    AtomicFiles.write(
        target,
        overwrite,
        out -> {
          ZstdOutputStream z = new ZstdOutputStream(out, level);
          for (Path f : files) {
            byte[] data = Files.readAllBytes(f);
            raw[0] += data.length;
            tar[0] += writeMember(z, f.getFileName().toString(), data);
          }
          byte[] end = new byte[2 * BLOCK];
          z.write(end);
          tar[0] += end.length;
          z.close();
        });
    return new Stats(raw[0], tar[0], Files.size(target));
  }

  private static long writeMember(OutputStream out, String name, byte[] data) throws IOException {
    byte[] nameBytes = name.getBytes(StandardCharsets.US_ASCII);
    if (nameBytes.length > 100) {
      throw new IllegalArgumentException("member name longer than 100 bytes: " + name);
    }
    byte[] h = new byte[BLOCK];
    System.arraycopy(nameBytes, 0, h, 0, nameBytes.length);
    octal(h, 100, 8, 0644);
    octal(h, 108, 8, 0);
    octal(h, 116, 8, 0);
    octal(h, 124, 12, data.length);
    octal(h, 136, 12, 0);
    h[156] = '0';
    byte[] magic = "ustar\u000000".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(magic, 0, h, 257, magic.length);
    java.util.Arrays.fill(h, 148, 156, (byte) ' ');
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    octal(h, 148, 7, sum);
    h[155] = ' ';
    out.write(h);
    out.write(data);
    int pad = (BLOCK - data.length % BLOCK) % BLOCK;
    out.write(new byte[pad]);
    return BLOCK + data.length + pad;
  }

  /** Writes {@code value} as zero-padded octal in {@code len - 1} digits and a NUL. */
  private static void octal(byte[] h, int off, int len, long value) {
    String s = Long.toOctalString(value);
    if (s.length() > len - 1) {
      throw new IllegalArgumentException("value too large for a ustar field: " + value);
    }
    s = "0".repeat(len - 1 - s.length()) + s;
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(b, 0, h, off, b.length);
    h[off + len - 1] = 0;
  }

  /**
   * Reads every member of an archive written by {@link #write} (or by {@code tar --zstd} in ustar
   * or GNU format with regular files only).
   *
   * @throws InvalidInputException naming the archive when a header checksum or size is wrong or the
   *     archive ends inside a member
   */
  public static List<Member> read(Path archive) throws IOException {
    List<Member> out = new ArrayList<>();
    forEach(archive, out::add);
    return out;
  }

  /** Receives the members of an archive one at a time. */
  @FunctionalInterface
  public interface MemberConsumer {
    /** Takes one member; may throw to stop reading. */
    void accept(Member member) throws IOException;
  }

  /**
   * Streams the members of an archive in order, holding one member in memory at a time (a 30-second
   * archive of full files is about 10 GB). Errors as {@link #read}.
   */
  public static void forEach(Path archive, MemberConsumer consumer) throws IOException {
    try {
      readMembers(archive, consumer);
    } catch (com.github.luben.zstd.ZstdIOException e) {
      throw new InvalidInputException(
          archive.toString(), "zstd stream", "not zstd-compressed data: " + e.getMessage(), e);
    }
  }

  private static void readMembers(Path archive, MemberConsumer consumer) throws IOException {
    try (InputStream in =
        new ZstdInputStream(new BufferedInputStream(Files.newInputStream(archive)))) {
      byte[] h = new byte[BLOCK];
      while (true) {
        int n = in.readNBytes(h, 0, BLOCK);
        if (n == 0) {
          break;
        }
        if (n < BLOCK) {
          throw new InvalidInputException(archive.toString(), "tar header", "truncated archive");
        }
        if (allZero(h)) {
          break;
        }
        checkChecksum(archive, h);
        String name = cString(h, 0, 100);
        long size = parseOctal(archive, h, 124, 12);
        if (size < 0 || size > Integer.MAX_VALUE - 16) {
          throw new InvalidInputException(
              archive.toString(), "member size", name + ": " + size + " bytes is out of range");
        }
        byte[] data = readMember(archive, in, name, (int) size);
        int pad = (int) ((BLOCK - size % BLOCK) % BLOCK);
        // readNBytes, not skipNBytes: an archive cut inside the last padding still holds a
        // complete member (tar accepts it), and skipNBytes would throw EOFException there.
        in.readNBytes(pad);
        char type = (char) h[156];
        if (type == '0' || type == 0) {
          consumer.accept(new Member(name, data));
        }
      }
    }
  }

  /**
   * Reads a member of {@code size} bytes in chunks, so that memory follows the bytes actually
   * present: a garbage size field in a short archive is reported as a truncation instead of
   * allocating the announced size first.
   */
  private static byte[] readMember(Path archive, InputStream in, String name, int size)
      throws IOException {
    final int chunk = 1 << 20;
    if (size <= chunk) {
      byte[] data = in.readNBytes(size);
      if (data.length != size) {
        throw truncatedMember(archive, name, data.length, size);
      }
      return data;
    }
    java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream(chunk);
    byte[] buf = new byte[chunk];
    int remaining = size;
    while (remaining > 0) {
      int n = in.readNBytes(buf, 0, Math.min(chunk, remaining));
      if (n == 0) {
        throw truncatedMember(archive, name, size - remaining, size);
      }
      got.write(buf, 0, n);
      remaining -= n;
    }
    return got.toByteArray();
  }

  private static InvalidInputException truncatedMember(
      Path archive, String name, int got, int size) {
    return new InvalidInputException(
        archive.toString(),
        "member data",
        name + ": archive ends inside the member (" + got + " of " + size + " bytes)");
  }

  private static boolean allZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  private static void checkChecksum(Path archive, byte[] h) {
    long sum = 0;
    for (int i = 0; i < BLOCK; i++) {
      sum += (i >= 148 && i < 156) ? ' ' : (h[i] & 0xff);
    }
    long stored = parseOctal(archive, h, 148, 8);
    if (stored != sum) {
      throw new InvalidInputException(
          archive.toString(),
          "tar header checksum",
          "stored " + stored + ", computed " + sum + " (not a tar archive?)");
    }
  }

  private static String cString(byte[] h, int off, int len) {
    int end = off;
    while (end < off + len && h[end] != 0) {
      end++;
    }
    return new String(h, off, end - off, StandardCharsets.US_ASCII);
  }

  private static long parseOctal(Path archive, byte[] h, int off, int len) {
    String s = cString(h, off, len).trim();
    try {
      return s.isEmpty() ? 0 : Long.parseLong(s, 8);
    } catch (NumberFormatException e) {
      throw new InvalidInputException(
          archive.toString(), "tar header", "field at byte " + off + " is not octal: " + s);
    }
  }
}
