package org.radiospark.kernels.testing;

import java.nio.charset.StandardCharsets;

/**
 * Edits header cards of a FITS file in memory, so that a test can break one keyword of a file our
 * writers made (the bad-input corpus is made this way at run time, not committed as binaries).
 */
public final class FitsPatch {
  private FitsPatch() {}

  /**
   * A copy of {@code file} whose first card with keyword {@code key} (searched from byte {@code
   * from}) is replaced by {@code card} (padded to 80 characters).
   *
   * @throws IllegalArgumentException if no such card exists
   */
  public static byte[] replaceCard(byte[] file, int from, String key, String card) {
    String padded = String.format("%-80s", card);
    if (padded.length() != 80) {
      throw new IllegalArgumentException("card longer than 80 characters: " + card);
    }
    String k = String.format("%-8s", key);
    for (int at = from - from % 80; at + 80 <= file.length; at += 80) {
      if (new String(file, at, 8, StandardCharsets.US_ASCII).equals(k)) {
        byte[] out = file.clone();
        System.arraycopy(padded.getBytes(StandardCharsets.US_ASCII), 0, out, at, 80);
        return out;
      }
    }
    throw new IllegalArgumentException("no card " + key);
  }

  /** {@link #replaceCard} from the start of the file. */
  public static byte[] replaceCard(byte[] file, String key, String card) {
    return replaceCard(file, 0, key, card);
  }

  /** A card {@code KEY = value} (value right-aligned to column 30 for numbers). */
  public static String card(String key, String value) {
    return String.format("%-8s= %20s", key, value);
  }

  /** The first card {@code key} replaced by a blank COMMENT card: the keyword is missing. */
  public static byte[] removeCard(byte[] file, String key) {
    return replaceCard(file, key, "COMMENT");
  }
}
