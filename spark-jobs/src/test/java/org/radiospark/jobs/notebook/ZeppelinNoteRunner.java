package org.radiospark.jobs.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import scala.tools.nsc.Settings;
import scala.tools.nsc.interpreter.IMain;
import scala.tools.nsc.interpreter.Results;
import scala.tools.nsc.interpreter.shell.ReplReporterImpl;

/**
 * Runs the Spark paragraphs of a Zeppelin note ({@code .zpln}, the note JSON of Zeppelin 0.9 to
 * 0.12) headless, the way Zeppelin's Spark interpreter does but without a Zeppelin server: each
 * {@code %spark} (or {@code %spark.spark}) paragraph, its interpreter line stripped, is interpreted
 * by one Scala REPL ({@link IMain}, Scala 2.13) in which {@code spark} (the session) and {@code sc}
 * (its context) are bound, and {@code spark.implicits._}, {@code spark.sql} and {@code
 * org.apache.spark.sql.functions._} are imported, as Zeppelin does. Definitions carry from
 * paragraph to paragraph. {@code %spark.sql} paragraphs are run through {@code spark.sql} (each
 * statement, separated by {@code ;} at a line end, its result shown). Paragraphs of other
 * interpreters ({@code %md}, {@code %sh}, {@code %spark.pyspark}, ...) are skipped; a paragraph
 * without an interpreter line runs with the note's {@code defaultInterpreterGroup} when that is
 * {@code spark}.
 *
 * <p>Closures defined in the notes run on Spark tasks as in {@code spark-shell}: the REPL is
 * class-based ({@code -Yrepl-class-based}) and writes its classes to {@code -Yrepl-outdir}, the
 * folder the session was built with as {@code spark.repl.class.outputDir} ({@link #replConf}), from
 * which Spark's {@code ExecutorClassLoader} loads them on the executors.
 *
 * <p>A paragraph that does not compile, is incomplete or throws fails the run with a {@link
 * ParagraphFailure} naming the note, the paragraph (1-based index and title) and the interpreter's
 * message.
 */
public final class ZeppelinNoteRunner implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern INTERPRETER =
      Pattern.compile("\\A\\s*%([A-Za-z0-9_.\\-]+)(\\([^)]*\\))?[ \\t]*(\\r?\\n|\\z)");
  private static final Pattern SQL_SPLIT = Pattern.compile(";[ \\t]*(\\r?\\n|\\z)");

  /**
   * One paragraph of a note.
   *
   * @param index 1-based position in the note
   * @param title the paragraph's title (may be empty)
   * @param interpreter the interpreter name without {@code %} ({@code spark}, {@code spark.sql},
   *     {@code md}, ...), or the note's default group when the text names none
   * @param code the text after the interpreter line
   */
  public record Paragraph(int index, String title, String interpreter, String code) {
    /** {@code paragraph 3 ("Gains")}. */
    public String label() {
      return "paragraph " + index + (title.isEmpty() ? "" : " (\"" + title + "\")");
    }

    /** Whether the runner interprets it as Scala. */
    public boolean isScala() {
      return interpreter.equals("spark") || interpreter.equals("spark.spark");
    }

    /** Whether the runner runs it through {@code spark.sql}. */
    public boolean isSql() {
      return interpreter.equals("spark.sql") || interpreter.equals("sql");
    }
  }

  /** A parsed note: its name (or file name), its file and its paragraphs in order. */
  public record Note(String name, Path file, List<Paragraph> paragraphs) {
    /** The paragraphs the runner executes. */
    public List<Paragraph> runnable() {
      return paragraphs.stream().filter(p -> p.isScala() || p.isSql()).toList();
    }
  }

  /** A paragraph failed: the message names the note, the paragraph and what the REPL said. */
  public static final class ParagraphFailure extends Exception {
    private static final long serialVersionUID = 1L;

    ParagraphFailure(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final SparkSession spark;
  private final IMain repl;
  private final StringWriter replOutput = new StringWriter();

  /**
   * A REPL bound to {@code spark}.
   *
   * @param spark a session built with {@link #replConf}{@code (replOutDir)} applied, or null for a
   *     plain Scala REPL without Spark (no {@code spark}, {@code sc} or imports; the runner's own
   *     tests)
   * @param replOutDir the folder the REPL writes its classes to
   */
  public ZeppelinNoteRunner(SparkSession spark, Path replOutDir) {
    this.spark = spark;
    Settings settings = new Settings();
    settings.processArgumentString("-Yrepl-class-based -deprecation:false -feature:false");
    settings.Yreploutdir().value_$eq(replOutDir.toAbsolutePath().toString());
    settings.classpath().value_$eq(testClassPath());
    settings.usejavacp().value_$eq(true);
    repl = new IMain(settings, new ReplReporterImpl(settings, new PrintWriter(replOutput, true)));
    if (!repl.initializeCompiler()) {
      throw new IllegalStateException("the Scala compiler did not start: " + replOutput);
    }
    if (spark == null) {
      takeOutput();
      return;
    }
    bind("spark", SparkSession.class.getName(), spark);
    bind("sc", org.apache.spark.SparkContext.class.getName(), spark.sparkContext());
    for (String imports :
        List.of(
            "import spark.implicits._",
            "import spark.sql",
            "import org.apache.spark.sql.functions._")) {
      if (repl.interpret(imports) != Results.Success$.MODULE$) {
        throw new IllegalStateException(imports + ": " + takeOutput());
      }
    }
    takeOutput();
  }

  /**
   * The Spark settings a session needs for REPL closures: {@code spark.repl.class.outputDir}.
   * Spark's context serves that folder to the executors (as {@code spark.repl.class.uri}).
   */
  public static org.apache.spark.SparkConf replConf(
      org.apache.spark.SparkConf conf, Path replOutDir) {
    return conf.set("spark.repl.class.outputDir", replOutDir.toAbsolutePath().toString());
  }

  /**
   * The classpath the compiler sees: the test's own. Under surefire and failsafe {@code
   * java.class.path} holds only the booter jar (a manifest-only jar), and the real path is in
   * {@code surefire.test.class.path}.
   */
  static String testClassPath() {
    String cp = System.getProperty("surefire.test.class.path");
    return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
  }

  private void bind(String name, String type, Object value) {
    Results.Result r = repl.bind(name, type, value, repl.bind$default$4());
    if (r != Results.Success$.MODULE$) {
      throw new IllegalStateException("binding " + name + " failed: " + takeOutput());
    }
  }

  /**
   * Reads a note.
   *
   * @throws IOException if the file is not JSON or has no {@code paragraphs} array
   */
  public static Note parse(Path file) throws IOException {
    JsonNode root = JSON.readTree(file.toFile());
    JsonNode paragraphs = root == null ? null : root.get("paragraphs");
    if (paragraphs == null || !paragraphs.isArray()) {
      throw new IOException(file + ": not a Zeppelin note (no \"paragraphs\" array)");
    }
    String defaultGroup = root.path("defaultInterpreterGroup").asText("spark");
    List<Paragraph> list = new ArrayList<>();
    int index = 0;
    for (JsonNode p : paragraphs) {
      index++;
      String text = p.path("text").asText("");
      String title = p.path("title").asText("");
      Matcher m = INTERPRETER.matcher(text);
      String interpreter;
      String code;
      if (m.find()) {
        interpreter = m.group(1).toLowerCase(Locale.ROOT);
        code = text.substring(m.end());
      } else {
        interpreter = defaultGroup.toLowerCase(Locale.ROOT);
        code = text;
      }
      if (code.isBlank()) {
        interpreter = "empty";
      }
      list.add(new Paragraph(index, title, interpreter, code));
    }
    String name = root.path("name").asText("");
    return new Note(name.isEmpty() ? file.getFileName().toString() : name, file, list);
  }

  /**
   * Runs every Spark paragraph of {@code note} in order; stops at the first failure.
   *
   * @return the paragraphs run
   * @throws ParagraphFailure naming the note, the paragraph and the interpreter's message
   */
  public List<Paragraph> run(Note note) throws ParagraphFailure {
    List<Paragraph> ran = new ArrayList<>();
    for (Paragraph p : note.runnable()) {
      long t0 = System.nanoTime();
      if (p.isScala()) {
        runScala(note, p);
      } else {
        runSql(note, p);
      }
      System.out.printf(
          Locale.ROOT,
          "note %s, %s: %s, %.1f s%n",
          note.name(),
          p.label(),
          p.interpreter(),
          (System.nanoTime() - t0) * 1e-9);
      ran.add(p);
    }
    return ran;
  }

  private void runScala(Note note, Paragraph p) throws ParagraphFailure {
    Results.Result r;
    java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
    try (java.io.PrintStream console =
        new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8)) {
      // What the paragraph prints (Zeppelin's output: text, tables, %html) is kept here and shown
      // abbreviated, so that inline images do not flood the test log.
      r = scala.Console$.MODULE$.withOut(console, () -> repl.interpret(p.code()));
    } catch (RuntimeException | LinkageError e) {
      throw failure(note, p, "threw " + e, e);
    }
    System.out.print(abbreviate(printed.toString(java.nio.charset.StandardCharsets.UTF_8)));
    String out = takeOutput();
    System.out.print(abbreviate(out));
    if (r != Results.Success$.MODULE$) {
      String what = r == Results.Incomplete$.MODULE$ ? "is incomplete" : "failed";
      throw failure(note, p, what + ":\n" + out.strip(), null);
    }
  }

  private void runSql(Note note, Paragraph p) throws ParagraphFailure {
    if (spark == null) {
      throw failure(note, p, "needs a Spark session", null);
    }
    for (String statement : SQL_SPLIT.split(p.code())) {
      if (statement.isBlank()) {
        continue;
      }
      try {
        spark.sql(statement).show(50, false);
      } catch (RuntimeException e) {
        throw failure(note, p, "failed: " + statement.strip() + ": " + e, e);
      }
    }
  }

  private static ParagraphFailure failure(Note note, Paragraph p, String what, Throwable cause) {
    return new ParagraphFailure(
        "note \""
            + note.name()
            + "\" ("
            + note.file().getFileName()
            + "), "
            + p.label()
            + " "
            + what,
        cause);
  }

  /** Lines longer than 240 characters cut, with their length. */
  static String abbreviate(String text) {
    StringBuilder b = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      if (b.length() > 0) {
        b.append('\n');
      }
      b.append(
          line.length() <= 240
              ? line
              : line.substring(0, 200) + " ... (" + line.length() + " characters)");
    }
    return b.toString();
  }

  private String takeOutput() {
    StringBuffer b = replOutput.getBuffer();
    String s = b.toString();
    b.setLength(0);
    return s;
  }

  /** The notes ({@code *.zpln}) of {@code dir}, sorted by file name. */
  public static List<Path> notes(Path dir) throws IOException {
    File[] files = dir.toFile().listFiles((d, n) -> n.endsWith(".zpln"));
    if (files == null) {
      throw new IOException(dir + ": not a folder");
    }
    return java.util.Arrays.stream(files).map(File::toPath).sorted().toList();
  }

  /** Closes the REPL (the session stays with its owner). */
  @Override
  public void close() {
    repl.close();
  }
}
