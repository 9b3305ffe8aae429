package org.radiospark.kernels.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Locates {@code ../shared/data} (real public data used by tests). Tests that need it call {@link
 * #require(String)}, which skips the test with a clear message when the folder or file is absent (a
 * user's fresh clone) instead of failing.
 */
public final class SharedData {
  private SharedData() {}

  /** The shared data folder, from the {@code radiospark.shared.data} property or ../shared/data. */
  public static Path root() {
    String p = System.getProperty("radiospark.shared.data");
    if (p != null && !p.isBlank()) {
      return Paths.get(p).toAbsolutePath().normalize();
    }
    Path dir = Paths.get("").toAbsolutePath();
    for (int i = 0; i < 4 && dir != null; i++) {
      Path candidate = dir.resolveSibling("shared").resolve("data");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
      dir = dir.getParent();
    }
    return Paths.get("../shared/data").toAbsolutePath().normalize();
  }

  /** The file {@code relative} under the shared data folder; skips the test if it is missing. */
  public static Path require(String relative) {
    Path f = root().resolve(relative);
    assumeTrue(
        Files.exists(f),
        "shared test data not found: " + f + " (tests that need ../shared/data are skipped)");
    return f;
  }
}
