package org.radiospark.kernels.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;

/**
 * Writes files atomically: the content goes to a hidden temporary file in the destination folder,
 * is flushed to disk, and is then renamed onto the destination with {@link
 * StandardCopyOption#ATOMIC_MOVE}. Readers therefore see either no file or the complete file, and a
 * failed or interrupted write leaves nothing behind (the temporary file is deleted).
 *
 * <p>The finished file is readable by everyone (rw-r--r--) on POSIX file systems, like a file
 * written directly under the usual umask. The temporary file is in the same folder because a rename
 * is only atomic within one file system. Overwriting an existing destination is refused unless
 * asked for; the check is made before writing (so no work is wasted) and again just before the
 * rename.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Produces the content of a file on the stream it is given (which it must not close). */
  @FunctionalInterface
  public interface Content {
    /**
     * Writes the whole content.
     *
     * @param out a buffered stream onto the temporary file
     * @throws IOException on any write failure; the temporary file is then removed
     */
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Writes {@code target} atomically.
   *
   * @param target the destination file; its parent folder must exist
   * @param overwrite whether an existing {@code target} may be replaced
   * @param content writes the bytes
   * @throws FileAlreadyExistsException if {@code target} exists and {@code overwrite} is false
   * @throws IOException if writing, flushing or renaming fails (nothing is left behind)
   */
  public static void write(Path target, boolean overwrite, Content content) throws IOException {
    Objects.requireNonNull(content, "content");
    Path abs = target.toAbsolutePath();
    Path dir = abs.getParent();
    refuseExisting(abs, overwrite);
    Path tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".partial");
    boolean done = false;
    try {
      publishable(tmp);
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE);
          OutputStream raw = Channels.newOutputStream(ch);
          OutputStream out = new BufferedOutputStream(raw, 1 << 16)) {
        content.writeTo(new NonClosingOutputStream(out));
        out.flush();
        // Force the bytes to disk before the rename publishes the name, so a crash cannot expose
        // a complete-looking but empty file.
        ch.force(true);
      }
      refuseExisting(abs, overwrite);
      try {
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("cannot rename atomically onto " + abs, e);
      }
      done = true;
    } finally {
      if (!done) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  /**
   * Temporary files are created owner-only (0600); a finished output must be readable like any
   * other file the pipeline writes, so it gets rw-r--r-- where POSIX permissions exist.
   */
  private static void publishable(Path tmp) throws IOException {
    if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
    }
  }

  private static void refuseExisting(Path target, boolean overwrite)
      throws FileAlreadyExistsException {
    if (!overwrite && Files.exists(target)) {
      throw new FileAlreadyExistsException(
          target.toString(), null, "refusing to overwrite an existing file (overwrite not set)");
    }
  }

  /** Keeps content writers from closing the stream before it is flushed and forced. */
  private static final class NonClosingOutputStream extends java.io.FilterOutputStream {
    NonClosingOutputStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      out.flush();
    }
  }
}
