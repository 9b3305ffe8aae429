package org.radiospark.jobs.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radiospark.jobs.notebook.ZeppelinNoteRunner.Note;
import org.radiospark.jobs.notebook.ZeppelinNoteRunner.Paragraph;
import org.radiospark.jobs.notebook.ZeppelinNoteRunner.ParagraphFailure;

/**
 * The headless note runner can fail: a paragraph that does not compile, one that throws and one
 * that is incomplete each fail the run with the note, the paragraph and the REPL's message, while a
 * trivial note passes and non-Spark paragraphs are skipped. A plain Scala REPL (no Spark session):
 * {@code NotebooksIT} runs the real notes with Spark.
 */
class ZeppelinNoteRunnerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dir;
  private static ZeppelinNoteRunner runner;

  @BeforeAll
  static void start() throws IOException {
    runner = new ZeppelinNoteRunner(null, Files.createDirectories(dir.resolve("repl")));
  }

  @AfterAll
  static void stop() {
    if (runner != null) {
      runner.close();
    }
  }

  /** A note file whose paragraphs have the given titles and texts. */
  private static Note note(String name, String... titleText) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode ps = root.putArray("paragraphs");
    for (int i = 0; i < titleText.length; i += 2) {
      ObjectNode p = ps.addObject();
      p.put("title", titleText[i]);
      p.put("text", titleText[i + 1]);
      p.put("id", "paragraph_" + i);
    }
    root.put("name", name);
    root.put("id", "2" + name.toUpperCase(java.util.Locale.ROOT));
    root.put("defaultInterpreterGroup", "spark");
    Path file = dir.resolve(name + ".zpln");
    JSON.writeValue(file.toFile(), root);
    return ZeppelinNoteRunner.parse(file);
  }

  @Test
  void aTrivialNotePassesAndDefinitionsCarryOver() throws Exception {
    Note n =
        note(
            "trivial",
            "Intro",
            "%md\n# Not Scala: `this would not compile`",
            "Define",
            "%spark\nval answer = 6 * 7\ndef twice(x: Int) = 2 * x",
            "Shell",
            "%sh\nexit 1",
            "Use",
            "%spark.spark\nrequire(twice(answer) == 84, \"carried over\")",
            "Default interpreter",
            "println(answer)",
            "Empty",
            "%spark\n  \n");
    List<Paragraph> ran = runner.run(n);
    assertEquals(List.of(2, 4, 5), ran.stream().map(Paragraph::index).toList());
  }

  @Test
  void aSyntaxErrorFailsWithTheParagraphAndTheCompilersMessage() throws Exception {
    Note n = note("syntax", "fine", "%spark\nval a = 1", "Broken", "%spark\nval b = a +* 2");
    ParagraphFailure e = assertThrows(ParagraphFailure.class, () -> runner.run(n));
    assertTrue(e.getMessage().contains("note \"syntax\""), e.getMessage());
    assertTrue(e.getMessage().contains("paragraph 2 (\"Broken\") failed"), e.getMessage());
    assertTrue(e.getMessage().contains("error"), e.getMessage());
  }

  @Test
  void aTypeErrorFails() throws Exception {
    Note n = note("types", "", "%spark\nval s: String = 42");
    ParagraphFailure e = assertThrows(ParagraphFailure.class, () -> runner.run(n));
    assertTrue(e.getMessage().contains("type mismatch"), e.getMessage());
    assertTrue(e.getMessage().contains("paragraph 1 failed"), e.getMessage());
  }

  @Test
  void aRuntimeExceptionFailsAndLaterParagraphsDoNotRun() throws Exception {
    Note n =
        note(
            "runtime",
            "Throws",
            "%spark\nval xs = Seq(1, 2)\nif (xs.nonEmpty) throw new IllegalStateException(\"boom\")",
            "After",
            "%spark\nthrow new AssertionError(\"must not run\")");
    ParagraphFailure e = assertThrows(ParagraphFailure.class, () -> runner.run(n));
    assertTrue(e.getMessage().contains("paragraph 1 (\"Throws\")"), e.getMessage());
    assertTrue(e.getMessage().contains("boom"), e.getMessage());
  }

  @Test
  void anIncompleteParagraphFails() throws Exception {
    Note n = note("incomplete", "Open", "%spark\nval m = Map(1 -> (2");
    ParagraphFailure e = assertThrows(ParagraphFailure.class, () -> runner.run(n));
    assertTrue(e.getMessage().contains("is incomplete"), e.getMessage());
  }

  @Test
  void sqlNeedsASessionAndOtherInterpretersAreSkipped() throws Exception {
    Note n = note("sql", "Query", "%spark.sql\nSELECT 1", "Py", "%spark.pyspark\nprint(1/0)");
    assertEquals(
        List.of("spark.sql", "spark.pyspark"),
        n.paragraphs().stream().map(Paragraph::interpreter).toList());
    assertEquals(1, n.runnable().size());
    ParagraphFailure e = assertThrows(ParagraphFailure.class, () -> runner.run(n));
    assertTrue(e.getMessage().contains("needs a Spark session"), e.getMessage());
  }

  @Test
  void aFileWithoutParagraphsIsNotANote() throws Exception {
    Path f = Files.writeString(dir.resolve("bad.zpln"), "{\"name\": \"x\"}");
    IOException e = assertThrows(IOException.class, () -> ZeppelinNoteRunner.parse(f));
    assertTrue(e.getMessage().contains("paragraphs"), e.getMessage());
  }
}
