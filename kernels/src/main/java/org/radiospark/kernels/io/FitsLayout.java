package org.radiospark.kernels.io;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import nom.tam.fits.FitsUtil;
import nom.tam.fits.Header;
import nom.tam.util.FitsInputStream;
import org.radiospark.kernels.model.InvalidInputException;

/**
 * Validation of the HDU structure of a FITS file before a parser trusts its sizes: every header
 * must parse, and every HDU's data ({@code |BITPIX|/8 x GCOUNT x (PCOUNT + NAXIS1 x ... x NAXISn)},
 * FITS 4.0 eq. 2) must lie inside the file. A garbage {@code NAXISn} would otherwise make
 * nom-tam-fits (or a reader) allocate gigabytes or loop over nothing; here it is one {@link
 * InvalidInputException} naming the HDU and keyword. Cost: one pass over the headers, the data are
 * skipped.
 */
public final class FitsLayout {
  private FitsLayout() {}

  /**
   * Checks that {@code file} is a complete FITS file: parsable headers, data inside the file.
   *
   * @return the number of HDUs
   * @throws InvalidInputException naming the HDU (1-based) and what is wrong
   * @throws IOException if the file cannot be opened at all
   */
  public static int requireComplete(Path file) throws IOException {
    String name = file.toString();
    if (!Files.isRegularFile(file)) {
      throw new InvalidInputException(
          name, null, Files.exists(file) ? "not a regular file" : "no such file");
    }
    long length = Files.size(file);
    try (InputStream raw = Files.newInputStream(file);
        BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
        FitsInputStream in = new FitsInputStream(buffered)) {
      UvfitsReader.requireFitsSignature(buffered, name);
      long offset = 0;
      int hdu = 0;
      while (offset < length) {
        hdu++;
        Header h = readHeader(in, name, hdu);
        if (h == null) {
          break;
        }
        long headerEnd = offset + h.getOriginalSize();
        long data = dataBytes(h, name, "HDU " + hdu);
        long padded = FitsUtil.addPadding(data);
        if (headerEnd + data > length) {
          throw new InvalidInputException(
              name,
              "HDU " + hdu + " NAXISn",
              "file truncated: the header announces "
                  + data
                  + " bytes of data but the file has "
                  + Math.max(0, length - headerEnd)
                  + " after it");
        }
        try {
          in.skipAllBytes(Math.min(padded, length - headerEnd));
        } catch (EOFException e) {
          throw new InvalidInputException(name, "HDU " + hdu, "file truncated inside the data", e);
        }
        offset = headerEnd + padded;
      }
      return hdu;
    }
  }

  /**
   * Bytes of data (without padding) of the HDU described by {@code h}, with every keyword it is
   * computed from validated.
   *
   * @param hdu how to name the HDU in a message ("HDU 2", "AIPS AN")
   * @throws InvalidInputException for a missing or invalid {@code BITPIX}, {@code NAXIS}, {@code
   *     NAXISn}, {@code PCOUNT} or {@code GCOUNT}, or a size beyond 2^62 bytes
   */
  public static long dataBytes(Header h, String file, String hdu) {
    HeaderAccess a = new HeaderAccess(h, file);
    int bitpix = checkBitpix(integer(a, "BITPIX", hdu), file, hdu + " BITPIX");
    int naxis = integer(a, "NAXIS", hdu);
    if (naxis < 0 || naxis > 999) {
      throw new InvalidInputException(file, hdu + " NAXIS", "expected 0..999, found " + naxis);
    }
    if (naxis == 0) {
      return 0;
    }
    long limit = 1L << 62;
    long n = 1;
    // Random groups (NAXIS1 = 0 with GROUPS = T) count the group axes only.
    boolean groups = a.logical("GROUPS", false) && a.integer("NAXIS1", -1) == 0;
    for (int k = groups ? 2 : 1; k <= naxis; k++) {
      int len = integer(a, "NAXIS" + k, hdu);
      if (len < 0) {
        throw new InvalidInputException(file, hdu + " NAXIS" + k, "expected >= 0, found " + len);
      }
      n = multiply(n, len, limit, file, hdu + " NAXIS" + k);
    }
    int pcount = a.has("PCOUNT") ? integer(a, "PCOUNT", hdu) : 0;
    int gcount = a.has("GCOUNT") ? integer(a, "GCOUNT", hdu) : 1;
    if (pcount < 0 || gcount < 0) {
      throw new InvalidInputException(file, hdu + " PCOUNT/GCOUNT", "expected >= 0");
    }
    n = multiply(n + pcount, gcount, limit, file, hdu + " GCOUNT");
    return multiply(n, Math.abs(bitpix) / 8, limit, file, hdu + " BITPIX");
  }

  private static int integer(HeaderAccess a, String key, String hdu) {
    try {
      return a.integer(key);
    } catch (InvalidInputException e) {
      throw new InvalidInputException(a.file(), hdu + " " + key, problem(e), e);
    }
  }

  private static String problem(InvalidInputException e) {
    String m = e.getMessage();
    int at = m.lastIndexOf(": ");
    return at < 0 ? m : m.substring(at + 2);
  }

  private static long multiply(long a, long b, long limit, String file, String field) {
    if (b != 0 && a > limit / b) {
      throw new InvalidInputException(file, field, "data size beyond 2^62 bytes: a corrupt axis");
    }
    return a * b;
  }

  private static Header readHeader(FitsInputStream in, String file, int hdu) {
    try {
      return Header.readHeader(in);
    } catch (EOFException e) {
      return null;
    } catch (IOException | RuntimeException e) {
      throw new InvalidInputException(
          file, "HDU " + hdu, "unreadable header (truncated or corrupt): " + e.getMessage(), e);
    }
  }

  /**
   * {@code bitpix} when it is one FITS allows (8, 16, 32, 64, -32, -64).
   *
   * @throws InvalidInputException naming {@code file} and {@code field} otherwise
   */
  public static int checkBitpix(int bitpix, String file, String field) {
    if (bitpix != 8
        && bitpix != 16
        && bitpix != 32
        && bitpix != 64
        && bitpix != -32
        && bitpix != -64) {
      throw new InvalidInputException(
          file, field, "expected 8, 16, 32, 64, -32 or -64, found " + bitpix);
    }
    return bitpix;
  }
}
