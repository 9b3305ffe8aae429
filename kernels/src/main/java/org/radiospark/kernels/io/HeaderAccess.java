package org.radiospark.kernels.io;

import nom.tam.fits.Header;
import nom.tam.fits.HeaderCard;
import org.radiospark.kernels.model.InvalidInputException;

/**
 * Typed access to FITS header keywords that reports missing or malformed values as {@link
 * InvalidInputException} naming the file and the keyword (public so that the readers of the mwa and
 * psrfits packages validate the same way).
 */
public final class HeaderAccess {
  private final Header header;
  private final String file;

  /** Access to {@code header}, read from {@code file} (named in every error). */
  public HeaderAccess(Header header, String file) {
    this.header = header;
    this.file = file;
  }

  /** The header. */
  public Header header() {
    return header;
  }

  /** The file named in errors. */
  public String file() {
    return file;
  }

  /** True if the keyword is present. */
  public boolean has(String key) {
    return header.containsKey(key);
  }

  /** A string value with trailing blanks removed (FITS pads strings to 8 characters). */
  public String string(String key) {
    HeaderCard c = card(key);
    String v = c.getValue();
    if (v == null) {
      throw new InvalidInputException(file, key, "expected a string value, found none");
    }
    return v.strip();
  }

  /** A string value, or {@code fallback} when the keyword is absent or has no value. */
  public String string(String key, String fallback) {
    if (!has(key)) {
      return fallback;
    }
    String v = header.getStringValue(key);
    return v == null ? fallback : v.strip();
  }

  /** A finite number (FITS 'D' exponents accepted); throws if missing or malformed. */
  public double number(String key) {
    HeaderCard c = card(key);
    try {
      double v = Double.parseDouble(c.getValue().strip().replace('D', 'E').replace('d', 'e'));
      if (!Double.isFinite(v)) {
        throw new NumberFormatException("not finite");
      }
      return v;
    } catch (RuntimeException e) {
      throw new InvalidInputException(
          file, key, "expected a finite number, found '" + c.getValue() + "'");
    }
  }

  /** {@link #number(String)}, or {@code fallback} when the keyword is absent. */
  public double number(String key, double fallback) {
    return has(key) ? number(key) : fallback;
  }

  /** An integer in the int range; throws if missing, fractional or out of range. */
  public int integer(String key) {
    double v = number(key);
    if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
      throw new InvalidInputException(file, key, "expected an integer, found " + v);
    }
    return (int) v;
  }

  /** {@link #integer(String)}, or {@code fallback} when the keyword is absent. */
  public int integer(String key, int fallback) {
    return has(key) ? integer(key) : fallback;
  }

  /** A logical T or F; throws if missing or anything else. */
  public boolean logical(String key) {
    HeaderCard c = card(key);
    String v = c.getValue() == null ? "" : c.getValue().strip();
    if (v.equals("T")) {
      return true;
    }
    if (v.equals("F")) {
      return false;
    }
    throw new InvalidInputException(file, key, "expected a logical T or F, found '" + v + "'");
  }

  /** {@link #logical(String)}, or {@code fallback} when the keyword is absent. */
  public boolean logical(String key, boolean fallback) {
    return has(key) ? logical(key) : fallback;
  }

  private HeaderCard card(String key) {
    HeaderCard c = header.findCard(key);
    if (c == null) {
      throw new InvalidInputException(file, key, "required keyword is missing");
    }
    return c;
  }
}
