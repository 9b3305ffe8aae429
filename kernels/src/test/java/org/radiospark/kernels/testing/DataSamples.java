package org.radiospark.kernels.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Locates the project's own {@code data-samples/} (small simulated data sets committed with the
 * code; unlike {@link SharedData} they are always there, so a missing one is an error).
 */
public final class DataSamples {
  private DataSamples() {}

  /** {@code data-samples/name}, found from the working directory upwards. */
  public static Path path(String name) {
    Path dir = Paths.get("").toAbsolutePath();
    for (int i = 0; i < 4 && dir != null; i++) {
      Path candidate = dir.resolve("data-samples").resolve(name);
      if (Files.exists(candidate)) {
        return candidate;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("data-samples/" + name + " not found above the working dir");
  }
}
