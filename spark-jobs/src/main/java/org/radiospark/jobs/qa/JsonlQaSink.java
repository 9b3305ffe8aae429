package org.radiospark.jobs.qa;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * {@code --qa jsonl:PATH}: appends each message as one line of JSON (JSON Lines), flushed after
 * every message so a crashed run keeps what it published. An existing file is appended to, never
 * truncated: QA logs of several runs may share it.
 */
public final class JsonlQaSink implements QaSink {
  private final Path file;
  private final BufferedWriter out;

  /**
   * Opens {@code file} for appending, creating it and its folder.
   *
   * @throws QaSinkException if it cannot be opened
   */
  public JsonlQaSink(Path file) {
    this.file = file;
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      this.out =
          Files.newBufferedWriter(
              file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new QaSinkException("cannot open QA file " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void publish(QaMessage message) {
    try {
      out.write(message.toJson());
      out.newLine();
      out.flush();
    } catch (IOException e) {
      throw new QaSinkException("cannot write QA file " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new QaSinkException("cannot close QA file " + file + ": " + e.getMessage(), e);
    }
  }
}
