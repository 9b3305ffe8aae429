package org.radiospark.kernels.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.radiospark.kernels.model.InvalidInputException;

/**
 * The bad-input contract of every reader: whatever the bytes, a reader returns a value or throws
 * {@link InvalidInputException} naming the file (and, when the cause is known, the field). Any
 * other exception or error (NullPointerException, ArrayIndexOutOfBounds, nom-tam exceptions,
 * EOFException, OutOfMemoryError) breaks it.
 *
 * <p>{@link #mutants} makes damaged copies of a good file the way real files get damaged and the
 * way fuzzers find bugs: truncations, bit flips, random bytes over a region, and garbage digits
 * written into FITS header values and into binary 32-bit fields (lengths, counts).
 */
public final class ReaderContract {
  /**
   * nom-tam-fits logs a warning with a stack trace for every damaged header it meets; thousands of
   * them would dominate the run time. Held here because the logging framework keeps loggers weakly.
   */
  private static final java.util.logging.Logger NOM_TAM = quiet("nom.tam");

  private ReaderContract() {}

  private static java.util.logging.Logger quiet(String name) {
    java.util.logging.Logger l = java.util.logging.Logger.getLogger(name);
    l.setLevel(java.util.logging.Level.OFF);
    return l;
  }

  /**
   * A scratch folder for a fuzz target (Jazzer calls a target millions of times with new bytes),
   * deleted at exit when empty.
   */
  public static Path scratchDir(String name) {
    try {
      Path d = Files.createTempDirectory("radiospark-fuzz-" + name);
      d.toFile().deleteOnExit();
      return d;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A reader under test. */
  @FunctionalInterface
  public interface Reader {
    /** Reads {@code file}; the result is ignored. */
    Object read(Path file) throws Exception;
  }

  /**
   * Writes {@code bytes} to {@code file}, reads it, and fails unless the reader returns or throws
   * an {@link InvalidInputException} naming {@code file}.
   *
   * @return the exception, or null when the bytes were read as valid
   */
  public static InvalidInputException check(Path file, byte[] bytes, Reader reader)
      throws IOException {
    Files.write(file, bytes);
    try {
      reader.read(file);
      return null;
    } catch (InvalidInputException e) {
      assertEquals(file.toString(), e.file(), "the error names the file: " + e.getMessage());
      assertNotNull(e.getMessage());
      assertTrue(e.getMessage().lines().count() == 1, "one line: " + e.getMessage());
      return e;
    } catch (Throwable t) {
      Path kept = Files.createTempFile("radiospark-crash-", ".bin");
      Files.write(kept, bytes);
      AssertionErrorWithInput e =
          new AssertionErrorWithInput(
              "reader threw " + t + " instead of InvalidInputException; input kept in " + kept, t);
      throw e;
    }
  }

  /** Fails on a reader that accepts or mis-reports {@code bytes}; returns the exception. */
  public static InvalidInputException expectInvalid(Path file, byte[] bytes, Reader reader)
      throws IOException {
    InvalidInputException e = check(file, bytes, reader);
    if (e == null) {
      fail("accepted a bad file: " + file);
    }
    return e;
  }

  /**
   * {@code n} damaged copies of {@code good}, reproducible from {@code seed}. The first copies are
   * systematic truncations (at 0, 1, 79, 80, 2879, 2880 bytes and at every eighth of the file), the
   * rest random damage.
   */
  public static List<byte[]> mutants(byte[] good, long seed, int n) {
    Random r = new Random(seed);
    List<byte[]> out = new ArrayList<>();
    for (int cut : new int[] {0, 1, 79, 80, 2879, 2880, 2881, 5760}) {
      if (cut < good.length) {
        out.add(Arrays.copyOf(good, cut));
      }
    }
    for (int k = 1; k < 8; k++) {
      out.add(Arrays.copyOf(good, (int) ((long) good.length * k / 8)));
    }
    List<Integer> valueColumns = headerValueOffsets(good);
    while (out.size() < n) {
      byte[] b = good.clone();
      int kind = r.nextInt(6);
      switch (kind) {
        case 0 -> {
          for (int flips = 1 + r.nextInt(8); flips > 0; flips--) {
            int i = r.nextInt(b.length);
            b[i] ^= (byte) (1 << r.nextInt(8));
          }
        }
        case 1 -> {
          int start = r.nextInt(b.length);
          int len = Math.min(b.length - start, 1 + r.nextInt(64));
          for (int i = start; i < start + len; i++) {
            b[i] = (byte) r.nextInt(256);
          }
        }
        case 2 -> {
          if (!valueColumns.isEmpty()) {
            int at = valueColumns.get(r.nextInt(valueColumns.size()));
            byte[] v = garbageValue(r).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(v, 0, b, at, Math.min(v.length, b.length - at));
          }
        }
        case 3 -> {
          // A garbage 32-bit field (a SIGPROC length, a FITS table count) in either byte order.
          int at = r.nextInt(Math.max(1, b.length - 4)) & ~3;
          int value =
              switch (r.nextInt(4)) {
                case 0 -> Integer.MAX_VALUE;
                case 1 -> -1 - r.nextInt(1000);
                case 2 -> 1 << (16 + r.nextInt(15));
                default -> r.nextInt();
              };
          ByteBuffer.wrap(b)
              .order(r.nextBoolean() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN)
              .putInt(Math.min(at, b.length - 4), value);
        }
        case 4 -> b = Arrays.copyOf(b, r.nextInt(b.length));
        default -> {
          // Damage plus truncation: both at once are common in half-copied files.
          b[r.nextInt(b.length)] ^= (byte) 0xff;
          b = Arrays.copyOf(b, b.length - r.nextInt(Math.max(1, b.length / 4)));
        }
      }
      out.add(b);
    }
    return out;
  }

  /** A value a broken writer might leave in a FITS header field (20 characters at most). */
  private static String garbageValue(Random r) {
    String[] v = {
      "                   0",
      "                  -1",
      "          2147483647",
      "          9999999999",
      "             1.0E300",
      "                 NaN",
      "            'ABCDEF'",
      "                   T",
      "               1.5E9",
      "         -2147483648",
      "              65536 ",
      "                    "
    };
    return v[r.nextInt(v.length)];
  }

  /** Offsets of the value fields (columns 11-30) of the FITS header cards found in {@code b}. */
  private static List<Integer> headerValueOffsets(byte[] b) {
    List<Integer> out = new ArrayList<>();
    for (int card = 0; 80 * card + 80 <= b.length; card++) {
      int at = 80 * card;
      if (b[at + 8] == '=' && b[at + 9] == ' ' && Character.isLetter(b[at])) {
        out.add(at + 10);
      }
    }
    return out;
  }

  /** An assertion failure that carries the reader's exception as its cause. */
  public static final class AssertionErrorWithInput extends AssertionError {
    private static final long serialVersionUID = 1L;

    AssertionErrorWithInput(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
