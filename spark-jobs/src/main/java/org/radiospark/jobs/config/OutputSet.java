package org.radiospark.jobs.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.radiospark.jobs.cli.RadioSparkCli.BadOptionException;

/**
 * The files (or folders, such as Parquet tables) a run will write, committed together: each is
 * written under a temporary name in its final folder and renamed only when every one of them is
 * complete, so a failed run never leaves a file that looks finished. Nothing is overwritten without
 * {@code overwrite}.
 */
public final class OutputSet implements AutoCloseable {
  private final Map<Path, Path> staged = new LinkedHashMap<>();
  private final boolean overwrite;
  private boolean committed;

  public OutputSet(boolean overwrite) {
    this.overwrite = overwrite;
  }

  /**
   * Declares {@code target} and returns the temporary path to write it to.
   *
   * @throws BadOptionException if the target exists and overwriting was not asked for
   */
  public Path stage(Path target) {
    Path t = target.toAbsolutePath().normalize();
    if (Files.exists(t) && !overwrite) {
      throw new BadOptionException(t + ": output exists (use --overwrite to replace it)");
    }
    Path tmp = t.getParent().resolve("." + t.getFileName() + ".partial");
    staged.put(t, tmp);
    return tmp;
  }

  /**
   * Creates the folders of every staged file. Called once the inputs have been read and checked,
   * just before writing, so that bad input leaves no trace at all.
   */
  public void createDirectories() {
    for (Path t : staged.keySet()) {
      try {
        Files.createDirectories(t.getParent());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create output folder " + t.getParent(), e);
      }
    }
  }

  /** Renames every staged file to its final name. */
  public void commit() {
    for (Map.Entry<Path, Path> e : staged.entrySet()) {
      if (!Files.exists(e.getValue())) {
        throw new IllegalStateException("output was never written: " + e.getKey());
      }
    }
    for (Map.Entry<Path, Path> e : staged.entrySet()) {
      if (Files.isDirectory(e.getValue())) {
        // a folder output (a Parquet table): replaced as a whole
        deleteTree(e.getKey());
        try {
          Files.move(e.getValue(), e.getKey(), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException ex) {
          throw new UncheckedIOException("cannot commit " + e.getKey(), ex);
        }
        continue;
      }
      try {
        try {
          Files.move(
              e.getValue(),
              e.getKey(),
              StandardCopyOption.ATOMIC_MOVE,
              StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException ex) {
          Files.move(e.getValue(), e.getKey(), StandardCopyOption.REPLACE_EXISTING);
        }
        readableByAll(e.getKey());
      } catch (IOException ex) {
        throw new UncheckedIOException("cannot commit " + e.getKey(), ex);
      }
    }
    committed = true;
  }

  /** Temporary files are created owner-only; finished outputs are rw-r--r-- like any other. */
  private static void readableByAll(Path p) throws IOException {
    if (Files.getFileStore(p).supportsFileAttributeView("posix")) {
      Files.setPosixFilePermissions(
          p, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    }
  }

  /** Deletes temporary files of an uncommitted set. */
  @Override
  public void close() {
    if (committed) {
      return;
    }
    for (Path tmp : staged.values()) {
      try {
        deleteTree(tmp);
      } catch (UncheckedIOException ignored) {
        // best effort: a leftover ".partial" file is harmless and clearly named
      }
    }
  }

  /** Deletes a file or folder tree (nothing when absent). */
  public static void deleteTree(Path p) {
    if (!Files.exists(p)) {
      return;
    }
    try (java.util.stream.Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(q);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + p, e);
    }
  }
}
