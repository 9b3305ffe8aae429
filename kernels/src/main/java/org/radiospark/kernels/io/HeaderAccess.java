package org.radiospark.kernels.io;

import nom.tam.fits.Header;
import nom.tam.fits.HeaderCard;
import org.radiospark.kernels.model.InvalidInputException;

/**
 * Typed access to FITS header keywords that reports missing or malformed values as {@link
 * InvalidInputException} naming the file and the keyword.
 */
final class HeaderAccess {
  private final Header header;
  private final String file;

  HeaderAccess(Header header, String file) {
    this.header = header;
    this.file = file;
  }

  Header header() {
    return header;
  }

  String file() {
    return file;
  }

  boolean has(String key) {
    return header.containsKey(key);
  }

  /** A string value with trailing blanks removed (FITS pads strings to 8 characters). */
  String string(String key) {
    HeaderCard c = card(key);
    String v = c.getValue();
    if (v == null) {
      throw new InvalidInputException(file, key, "expected a string value, found none");
    }
    return v.strip();
  }

  String string(String key, String fallback) {
    if (!has(key)) {
      return fallback;
    }
    String v = header.getStringValue(key);
    return v == null ? fallback : v.strip();
  }

  double number(String key) {
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

  double number(String key, double fallback) {
    return has(key) ? number(key) : fallback;
  }

  int integer(String key) {
    double v = number(key);
    if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
      throw new InvalidInputException(file, key, "expected an integer, found " + v);
    }
    return (int) v;
  }

  int integer(String key, int fallback) {
    return has(key) ? integer(key) : fallback;
  }

  boolean logical(String key) {
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

  boolean logical(String key, boolean fallback) {
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
