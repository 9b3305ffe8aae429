package org.radiospark.jobs.cli;

import java.util.Locale;

/**
 * Parses angles written as WSClean does: a number with an optional unit suffix {@code deg}, {@code
 * amin}, {@code asec}, {@code masec} or {@code rad}; a bare number is in degrees.
 */
public final class AngleParser {
  private AngleParser() {}

  /**
   * @return the angle in radians
   * @throws IllegalArgumentException naming the text when it is not an angle
   */
  public static double parseRadians(String text) {
    String s = text.trim().toLowerCase(Locale.ROOT);
    String[][] units = {
      {"masec", "4.84813681109536e-9"},
      {"asec", "4.84813681109536e-6"},
      {"amin", "2.908882086657216e-4"},
      {"deg", "0.017453292519943295"},
      {"rad", "1"}
    };
    for (String[] u : units) {
      if (s.endsWith(u[0])) {
        return number(s.substring(0, s.length() - u[0].length()), text) * Double.parseDouble(u[1]);
      }
    }
    return Math.toRadians(number(s, text));
  }

  private static double number(String s, String original) {
    try {
      double v = Double.parseDouble(s.trim());
      if (!Double.isFinite(v)) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "not an angle: '" + original + "' (expected e.g. 2asec, 1.5amin, 0.01deg, 1e-4rad)");
    }
  }
}
