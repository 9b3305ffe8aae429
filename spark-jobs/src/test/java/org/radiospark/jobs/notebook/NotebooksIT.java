package org.radiospark.jobs.notebook;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.radiospark.jobs.config.SparkSessions;
import org.radiospark.kernels.testing.DataSamples;

/**
 * Issue 7 part 2: every Zeppelin note in {@code notebooks/} (found there, so a new note is picked
 * up) runs headless, each {@code %spark} paragraph through the Scala REPL with the project's
 * classes, on a local[2] session with Kryo registration required; any paragraph that does not
 * compile or throws fails the test with the note and paragraph.
 *
 * <p>One REPL serves all notes, one after the other: the session serves a single REPL class folder
 * to the executors, and two REPLs writing the same class names ({@code $line3.$read}) into it would
 * hand the executors stale classes. Each note defines everything it uses in its first paragraph.
 * The notes read {@code data-samples/} through the {@code radiospark.home} property and write into
 * {@code radiospark.scratch}. {@code -Dradiospark.notes=ical,spectral} runs only those notes.
 */
class NotebooksIT {
  @TempDir static Path dir;
  private static SparkSession spark;
  private static ZeppelinNoteRunner runner;

  @BeforeAll
  static void start() throws Exception {
    Path home = DataSamples.path("README.md").getParent().getParent();
    System.setProperty("radiospark.home", home.toString());
    System.setProperty("radiospark.scratch", dir.resolve("scratch").toString());
    Path classes = Files.createDirectories(dir.resolve("repl-classes"));
    SparkConf conf =
        ZeppelinNoteRunner.replConf(SparkSessions.conf("notebooks-it", "local[2]"), classes)
            .set("spark.ui.showConsoleProgress", "false")
            .set("spark.sql.shuffle.partitions", "4");
    spark = SparkSession.builder().config(conf).getOrCreate();
    runner = new ZeppelinNoteRunner(spark, classes);
  }

  @AfterAll
  static void stop() {
    if (runner != null) {
      runner.close();
    }
    if (spark != null) {
      spark.stop();
    }
    System.clearProperty("radiospark.home");
    System.clearProperty("radiospark.scratch");
  }

  private static String name(Path note) {
    return note.getFileName().toString().replaceFirst("\\.zpln$", "");
  }

  @TestFactory
  Stream<DynamicTest> everyNoteRuns() throws Exception {
    Path notebooks = DataSamples.path("README.md").getParent().getParent().resolve("notebooks");
    String only = System.getProperty("radiospark.notes", "");
    List<Path> notes =
        ZeppelinNoteRunner.notes(notebooks).stream()
            .filter(f -> only.isBlank() || List.of(only.split(",")).contains(name(f)))
            .toList();
    assertFalse(notes.isEmpty(), "no .zpln in " + notebooks);
    return notes.stream()
        .map(
            file ->
                DynamicTest.dynamicTest(
                    file.getFileName().toString(),
                    () -> {
                      ZeppelinNoteRunner.Note note = ZeppelinNoteRunner.parse(file);
                      assertFalse(note.runnable().isEmpty(), file + " has no %spark paragraph");
                      long t0 = System.nanoTime();
                      runner.run(note);
                      System.out.printf(
                          "note %s: %d Spark paragraphs in %.1f s%n",
                          file.getFileName(),
                          note.runnable().size(),
                          (System.nanoTime() - t0) * 1e-9);
                    }));
  }
}
