package org.radiospark.kernels.io;

import java.io.IOException;
import java.nio.file.Path;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.FitsException;
import nom.tam.fits.Header;
import nom.tam.util.FitsOutputStream;

/**
 * A FITS file holding one binary table: an empty primary HDU ({@code NAXIS = 0}, {@code EXTEND})
 * and the table as extension 1, written atomically ({@link AtomicFiles}). Opens in TOPCAT, astropy
 * and fv.
 */
public final class FitsTableFile {
  private FitsTableFile() {}

  /**
   * Writes {@code table} to {@code file}.
   *
   * @param what what the table holds, for the primary header's comment and error messages (e.g.
   *     "gain table")
   */
  public static void write(Path file, boolean overwrite, BinaryTableHDU table, String what)
      throws IOException {
    AtomicFiles.write(
        file,
        overwrite,
        os -> {
          FitsOutputStream out = new FitsOutputStream(os);
          try {
            Header primary = new Header();
            primary.addValue("SIMPLE", true, "conforms to FITS");
            primary.addValue("BITPIX", 8, "");
            primary.addValue("NAXIS", 0, "no primary data");
            primary.addValue("EXTEND", true, what + " in extension 1");
            primary.addValue("ORIGIN", "RadioSpark", "");
            primary.write(out);
            table.write(out);
          } catch (FitsException e) {
            throw new IOException("cannot write the " + what + ": " + e.getMessage(), e);
          }
          out.flush();
        });
  }
}
