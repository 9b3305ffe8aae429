package org.radiospark.jobs.beamform;

import java.io.IOException;
import java.nio.file.Path;
import org.radiospark.kernels.io.vcs.LegacyVcsFile;
import org.radiospark.kernels.io.vcs.VcsArchive;
import org.radiospark.kernels.io.vcs.VcsFormat;
import org.radiospark.kernels.io.vcs.VcsSecond;
import org.radiospark.kernels.model.InvalidInputException;

/**
 * Reads the seconds of one coarse channel from {@code .dat} files and {@code .tar.zst} archives.
 */
final class VcsSources {
  private VcsSources() {}

  /** Receives one second. */
  @FunctionalInterface
  interface SecondConsumer {
    void accept(VcsSecond second) throws IOException;
  }

  /** Streams every second of {@code paths} in order, each checked against {@code format}. */
  static void forEachSecond(String[] paths, VcsFormat format, SecondConsumer consumer)
      throws IOException {
    for (String p : paths) {
      Path path = Path.of(p);
      if (p.endsWith(".tar.zst")) {
        VcsArchive.forEach(
            path,
            m -> {
              if (m.data().length != format.bytesPerFile()) {
                throw new InvalidInputException(
                    p,
                    "member " + m.name() + " size",
                    m.data().length + " bytes, expected " + format.bytesPerFile());
              }
              consumer.accept(new VcsSecond(format, m.data()));
            });
      } else {
        consumer.accept(LegacyVcsFile.read(path, format));
      }
    }
  }
}
