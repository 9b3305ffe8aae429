package org.radiospark.kernels.io.mwa;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.FitsException;
import nom.tam.fits.Header;
import org.radiospark.kernels.io.FitsLayout;
import org.radiospark.kernels.model.InvalidInputException;

/**
 * Reads Cotter's mwaf flag files: a primary header ({@code GPUBOXNO}, {@code NANTENNA}, {@code
 * NCHANS}, {@code NSCANS}) and a binary table with one row per (scan, baseline), scan-major,
 * baselines {@code (a1, a2)}, {@code a1 <= a2}, and a bit column {@code FLAGS} ({@code nX}, one bit
 * per fine channel, most significant bit first).
 *
 * <p>The channel count is taken from the column (cut-down files keep the original {@code NCHANS}
 * header); the scan count from the rows. Cost O(rows x channels).
 */
public final class MwafReader {
  private MwafReader() {}

  /** Reads {@code file}. */
  public static MwafFlags read(Path file) {
    String f = file.toString();
    if (!Files.isRegularFile(file)) {
      throw new InvalidInputException(f, null, "no such mwaf file");
    }
    try (Fits fits = openChecked(file)) {
      BasicHDU<?> primary = fits.readHDU();
      if (primary == null) {
        throw new InvalidInputException(f, null, "empty FITS file");
      }
      Header h = primary.getHeader();
      if (!h.containsKey("GPUBOXNO") || !h.containsKey("NANTENNA")) {
        throw new InvalidInputException(f, "GPUBOXNO/NANTENNA", "keywords missing: not an mwaf");
      }
      int gpubox = h.getIntValue("GPUBOXNO");
      int nAnt = h.getIntValue("NANTENNA");
      if (nAnt < 1) {
        throw new InvalidInputException(f, "NANTENNA", "expected a positive antenna count");
      }
      int nBaselines = nAnt * (nAnt + 1) / 2;
      BasicHDU<?> hdu = fits.readHDU();
      if (!(hdu instanceof BinaryTableHDU table)) {
        throw new InvalidInputException(f, "HDU 2", "expected the FLAGS binary table");
      }
      int c = table.findColumn("FLAGS");
      if (c < 0) {
        throw new InvalidInputException(f, "FLAGS", "column missing");
      }
      String form = table.getHeader().getStringValue("TFORM" + (c + 1)).trim();
      int nChan;
      try {
        nChan = form.length() == 1 ? 1 : Integer.parseInt(form.substring(0, form.length() - 1));
      } catch (NumberFormatException e) {
        throw new InvalidInputException(f, "TFORM" + (c + 1), "expected nX, got " + form, e);
      }
      if (!form.endsWith("X") || nChan < 1) {
        throw new InvalidInputException(f, "TFORM" + (c + 1), "expected a bit column nX");
      }
      int rows = table.getNRows();
      if (rows % nBaselines != 0) {
        throw new InvalidInputException(
            f, "NAXIS2", "rows " + rows + " are not a multiple of " + nBaselines + " baselines");
      }
      boolean[] flags = new boolean[rows * nChan];
      for (int r = 0; r < rows; r++) {
        Object v = table.getElement(r, c);
        if (v instanceof boolean[] bits && bits.length >= nChan) {
          System.arraycopy(bits, 0, flags, r * nChan, nChan);
        } else if (v instanceof byte[] bytes && bytes.length * 8 >= nChan) {
          for (int ch = 0; ch < nChan; ch++) {
            flags[r * nChan + ch] = (bytes[ch >> 3] & (0x80 >> (ch & 7))) != 0;
          }
        } else {
          throw new InvalidInputException(f, "FLAGS", "unexpected cell in row " + (r + 1));
        }
      }
      return new MwafFlags(f, gpubox, rows / nBaselines, nBaselines, nChan, flags);
    } catch (FitsException | IOException e) {
      throw new InvalidInputException(f, null, "not a readable FITS file: " + e.getMessage(), e);
    } catch (InvalidInputException e) {
      throw e;
    } catch (RuntimeException e) {
      // nom-tam-fits reports corrupt cards and cells with unchecked exceptions.
      throw new InvalidInputException(f, null, "corrupt FITS file: " + e, e);
    }
  }

  /** Opens {@code file} once its HDU sizes are known to fit in it (see {@link FitsLayout}). */
  private static Fits openChecked(Path file) throws IOException {
    FitsLayout.requireComplete(file);
    try {
      return new Fits(file.toFile());
    } catch (FitsException e) {
      throw new InvalidInputException(file.toString(), null, "not a readable FITS file", e);
    }
  }
}
