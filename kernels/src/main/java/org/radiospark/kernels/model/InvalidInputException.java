package org.radiospark.kernels.model;

/**
 * Bad input data: names the file, the field and what was expected, so the CLI can print one clear
 * line and exit with status 2.
 */
public class InvalidInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final String field;

  public InvalidInputException(String file, String field, String problem) {
    this(file, field, problem, null);
  }

  public InvalidInputException(String file, String field, String problem, Throwable cause) {
    super(format(file, field, problem), cause);
    this.file = file;
    this.field = field;
  }

  private static String format(String file, String field, String problem) {
    StringBuilder b = new StringBuilder();
    b.append(file == null ? "<input>" : file);
    if (field != null && !field.isEmpty()) {
      b.append(": ").append(printable(field));
    }
    b.append(": ").append(printable(problem));
    return b.toString();
  }

  /**
   * Bytes of a corrupt file quoted in a message (a garbage keyword, a header value) may hold line
   * breaks or control characters; they become '?' so the message stays one readable line.
   */
  private static String printable(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints()
        .forEach(
            c ->
                b.appendCodePoint(
                    Character.isISOControl(c) || c == 0xFFFD || !Character.isDefined(c) ? '?' : c));
    return b.toString();
  }

  /** The file that was being read, or null. */
  public String file() {
    return file;
  }

  /** The field (keyword, column, parameter) that was wrong, or null. */
  public String field() {
    return field;
  }
}
