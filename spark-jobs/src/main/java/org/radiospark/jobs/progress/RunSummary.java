package org.radiospark.jobs.progress;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The one-screen summary a pipeline prints when it has finished: what ran, the wall time, the key
 * figures (in the order the job adds them) and the files written, at most {@value #MAX_LINES}
 * lines.
 *
 * <pre>
 * == radiospark ical: done in 1m38s ==
 * ran: data-samples/ska1mid-ical.uvfits, 256x256 px, 2x2 facets of 128 x 128 pixels (guard band
 *      32), strategy partitioner, 2 frequency partitions
 *   major loops         : 12 (8 self-cal) + final residual pass
 *   final residual rms  : 6.431e-05 Jy/beam
 *   ...
 * outputs (17):
 *   out/ska1mid-ical-{dirty.fits dirty.png psf.fits psf.png model.fits model.png residual.fits
 *     residual.png image.fits ... metrics.json}
 * </pre>
 *
 * Outputs are grouped by folder and the common start of their names is written once. Lines are at
 * most {@value #WIDTH} characters: the "ran" text wraps to at most {@value #RAN_LINES} lines, a
 * figure to {@value #FIGURE_LINES} (at the double blank between its fields first), the output names
 * as far as the screen allows; what still does not fit is cut ({@code ...}) or, for figures and
 * outputs, counted ({@code "... and 12 more"}). A job fills one instance on the driver and prints
 * it once.
 */
public final class RunSummary {
  /** Most lines of a summary. */
  public static final int MAX_LINES = 25;

  /** Widest line. */
  public static final int WIDTH = 100;

  /** Most lines of the "ran" text (long input paths wrap). */
  public static final int RAN_LINES = 3;

  /** Most lines of one figure (a long value wraps). */
  public static final int FIGURE_LINES = 2;

  /** Most lines of figures, so that the outputs always get a few lines. */
  public static final int MAX_FIGURE_LINES = 16;

  private final String pipeline;
  private final String ran;
  private final Map<String, String> figures = new LinkedHashMap<>();
  private final List<Path> outputs = new ArrayList<>();
  private double wallSeconds = Double.NaN;

  /**
   * An empty summary of one run.
   *
   * @param pipeline pipeline name, e.g. {@code ical}
   * @param ran input and the shape of the run, one sentence
   */
  public RunSummary(String pipeline, String ran) {
    this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
    this.ran = Objects.requireNonNull(ran, "ran");
  }

  /** Sets the run's wall time, seconds. */
  public RunSummary wallSeconds(double seconds) {
    this.wallSeconds = seconds;
    return this;
  }

  /** Adds (or replaces) a key figure; shown in the order first added. */
  public RunSummary figure(String name, String value) {
    figures.put(Objects.requireNonNull(name, "name"), String.valueOf(value));
    return this;
  }

  /** Adds a key figure formatted with {@code format} ({@link Locale#ROOT}). */
  public RunSummary figure(String name, String format, Object... args) {
    return figure(name, String.format(Locale.ROOT, format, args));
  }

  /** Adds files (or folders) written, in order. */
  public RunSummary outputs(Collection<Path> paths) {
    outputs.addAll(paths);
    return this;
  }

  /** Adds one file (or folder) written. */
  public RunSummary output(Path path) {
    outputs.add(Objects.requireNonNull(path, "path"));
    return this;
  }

  /** The figures so far, by name. */
  public Map<String, String> figures() {
    return new LinkedHashMap<>(figures);
  }

  /** The summary's lines, at most {@value #MAX_LINES}, none wider than {@value #WIDTH}. */
  public List<String> lines() {
    List<String> out = new ArrayList<>();
    out.add(
        cut(
            "== radiospark "
                + pipeline
                + ": done"
                + (Double.isNaN(wallSeconds) ? "" : " in " + Progress.duration(wallSeconds))
                + " =="));
    out.addAll(wrap("ran: " + ran, "     ", RAN_LINES));
    int nameWidth = 0;
    for (String n : figures.keySet()) {
      nameWidth = Math.max(nameWidth, n.length());
    }
    List<String> figureLines = new ArrayList<>();
    int shown = 0;
    for (Map.Entry<String, String> f : figures.entrySet()) {
      List<String> l =
          wrap(
              "  " + pad(f.getKey(), nameWidth) + " : " + f.getValue(),
              " ".repeat(nameWidth + 5),
              FIGURE_LINES);
      int remaining = figures.size() - shown;
      // the last figure may use the line that would otherwise say how many were left out
      int limit = remaining == 1 ? MAX_FIGURE_LINES : MAX_FIGURE_LINES - 1;
      if (figureLines.size() + l.size() > limit) {
        figureLines.add("  ... and " + remaining + " more figures");
        break;
      }
      figureLines.addAll(l);
      shown++;
    }
    out.addAll(figureLines);
    out.add("outputs (" + outputs.size() + "):");
    List<OutputLine> listing = outputLines(outputs);
    int room = MAX_LINES - out.size();
    int listed = 0;
    for (int i = 0; i < listing.size(); i++) {
      if (i == room - 1 && listing.size() > room) {
        out.add("  ... and " + (outputs.size() - listed) + " more");
        break;
      }
      out.add(listing.get(i).text());
      listed += listing.get(i).names();
    }
    return out;
  }

  /** The summary as one string, lines ended by {@code \n}. */
  public String format() {
    return String.join("\n", lines()) + "\n";
  }

  /** Prints the summary to {@code out} and flushes it. */
  public void print(PrintStream out) {
    out.print(format());
    out.flush();
  }

  /** Prints the summary to {@code out} and flushes it. */
  public void print(PrintWriter out) {
    out.print(format());
    out.flush();
  }

  /** An output line and how many paths it names. */
  private record OutputLine(String text, int names) {}

  /**
   * Output lines: per folder (in order of first appearance) {@code " DIR/PREFIX{a b c}"} wrapped at
   * {@link #WIDTH}, continuation lines indented by four.
   */
  private static List<OutputLine> outputLines(List<Path> outputs) {
    Map<String, List<String>> byDir = new LinkedHashMap<>();
    for (Path p : outputs) {
      Path parent = p.getParent();
      String dir = parent == null ? "" : parent.toString() + p.getFileSystem().getSeparator();
      byDir.computeIfAbsent(dir, k -> new ArrayList<>()).add(String.valueOf(p.getFileName()));
    }
    List<OutputLine> lines = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : byDir.entrySet()) {
      List<String> names = e.getValue();
      String prefix = names.size() > 1 ? commonPrefix(names) : "";
      String open = names.size() > 1 ? "{" : "";
      String close = names.size() > 1 ? "}" : "";
      StringBuilder line = new StringBuilder("  " + e.getKey() + prefix + open);
      int inLine = 0;
      for (int i = 0; i < names.size(); i++) {
        String name =
            names.get(i).substring(prefix.length()) + (i == names.size() - 1 ? close : "");
        if (inLine > 0 && line.length() + 1 + name.length() > WIDTH) {
          lines.add(new OutputLine(cut(line.toString()), inLine));
          line = new StringBuilder("    ");
          inLine = 0;
        }
        if (inLine > 0) {
          line.append(' ');
        }
        line.append(name);
        inLine++;
      }
      lines.add(new OutputLine(cut(line.toString()), inLine));
    }
    return lines;
  }

  /**
   * The names' common start, cut back to just after its last {@code -}, {@code _} or {@code .} so
   * that whole words stay inside the braces; empty when that would leave a name empty.
   */
  static String commonPrefix(List<String> names) {
    String p = names.get(0);
    for (String n : names) {
      int k = 0;
      while (k < Math.min(p.length(), n.length()) && p.charAt(k) == n.charAt(k)) {
        k++;
      }
      p = p.substring(0, k);
    }
    int cutAt = Math.max(p.lastIndexOf('-'), Math.max(p.lastIndexOf('_'), p.lastIndexOf('.')));
    p = p.substring(0, cutAt + 1);
    for (String n : names) {
      if (n.length() == p.length()) {
        return "";
      }
    }
    return p;
  }

  /**
   * {@code text} broken into lines of at most {@link #WIDTH} characters, continuation lines
   * starting with {@code indent}; at most {@code maxLines}, the last one cut. A line breaks at its
   * last double blank (the separator between the fields of a value), else at its last blank.
   */
  static List<String> wrap(String text, String indent, int maxLines) {
    List<String> lines = new ArrayList<>();
    String rest = text;
    while (rest.length() > WIDTH && lines.size() < maxLines - 1) {
      int at = rest.lastIndexOf("  ", WIDTH - 1);
      if (at <= indent.length()) {
        at = rest.lastIndexOf(' ', WIDTH);
      }
      if (at <= indent.length()) {
        break; // one word longer than a line: cut it below
      }
      lines.add(rest.substring(0, at).stripTrailing());
      rest = indent + rest.substring(at).stripLeading();
    }
    lines.add(cut(rest));
    return lines;
  }

  private static String cut(String s) {
    return s.length() <= WIDTH ? s : s.substring(0, WIDTH - 3) + "...";
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(Math.max(0, width - s.length()));
  }
}
