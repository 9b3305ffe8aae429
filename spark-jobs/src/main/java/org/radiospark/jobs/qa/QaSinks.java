package org.radiospark.jobs.qa;

import java.nio.file.Path;
import org.radiospark.jobs.cli.RadioSparkCli.BadOptionException;

/**
 * Opens the sink a {@code --qa} URI names: {@code log:} (also the default for null or blank) or
 * {@code jsonl:PATH}. A Kafka sink ({@code kafka://HOST:PORT/TOPIC}) is one more case here, wrapped
 * in a {@link FallbackQaSink} with a JSON-lines fallback; this build has none and rejects the
 * scheme with a clear message.
 */
public final class QaSinks {
  private QaSinks() {}

  /**
   * @throws BadOptionException for an unknown or malformed URI (exit status 2)
   */
  public static QaSink open(String uri) {
    if (uri == null || uri.isBlank() || uri.equals("log:")) {
      return new LogQaSink();
    }
    if (uri.startsWith("jsonl:")) {
      String path = uri.substring("jsonl:".length());
      if (path.isBlank()) {
        throw new BadOptionException("--qa jsonl:PATH needs a file path, e.g. jsonl:qa.jsonl");
      }
      return new JsonlQaSink(Path.of(path));
    }
    throw new BadOptionException(
        "--qa must be log: or jsonl:PATH, not '" + uri + "' (no Kafka sink in this build)");
  }

  /** Checks {@code uri} without opening anything (for option validation). */
  public static void check(String uri) {
    if (uri == null || uri.isBlank() || uri.equals("log:")) {
      return;
    }
    if (uri.startsWith("jsonl:") && !uri.substring(6).isBlank()) {
      return;
    }
    throw new BadOptionException(
        "--qa must be log: or jsonl:PATH, not '" + uri + "' (no Kafka sink in this build)");
  }
}
