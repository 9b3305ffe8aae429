package org.radiospark.jobs.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The end-of-run summary: its content, one screen, outputs compressed but all accounted for. */
class RunSummaryTest {

  @Test
  void headerRanFiguresAndOutputsInOrder() {
    RunSummary s =
        new RunSummary("ical", "in.uvfits, 12 major loops")
            .wallSeconds(192)
            .figure("final residual rms", "%.3g Jy/beam", 0.00103)
            .figure("components", "41");
    for (String p : List.of("dirty", "psf", "model")) {
      s.output(Path.of("out", "run-" + p + ".fits"));
    }
    s.output(Path.of("out", "ckpt"));
    List<String> l = s.lines();
    assertEquals("== radiospark ical: done in 3m12s ==", l.get(0));
    assertEquals("ran: in.uvfits, 12 major loops", l.get(1));
    assertEquals("  final residual rms : 0.00103 Jy/beam", l.get(2));
    assertEquals("  components         : 41", l.get(3));
    assertEquals("outputs (4):", l.get(4));
    assertEquals("  out/{run-dirty.fits run-psf.fits run-model.fits ckpt}", l.get(5));
    assertEquals(6, l.size());
  }

  @Test
  void commonStartOfNamesIsWrittenOnceUpToAWordBoundary() {
    assertEquals("ska-ical-", RunSummary.commonPrefix(List.of("ska-ical-dirty", "ska-ical-psf")));
    assertEquals("", RunSummary.commonPrefix(List.of("a-b", "a-")));
    RunSummary s = new RunSummary("image", "x").output(Path.of("o/p-dirty.fits"));
    s.output(Path.of("o/p-psf.fits"));
    assertEquals("  o/p-{dirty.fits psf.fits}", s.lines().get(3));
  }

  @Test
  void manyOutputsAndFiguresStayOnOneScreenAndAreCounted() {
    RunSummary s = new RunSummary("spectral", "many");
    for (int i = 0; i < 30; i++) {
      s.figure("figure " + i, Integer.toString(i));
    }
    List<Path> files = new ArrayList<>();
    for (int d = 0; d < 40; d++) {
      files.add(Path.of("dir" + d, "only-" + d + ".fits"));
    }
    s.outputs(files);
    List<String> l = s.lines();
    assertEquals(RunSummary.MAX_LINES, l.size());
    for (String line : l) {
      assertTrue(line.length() <= RunSummary.WIDTH, line);
    }
    // one line per figure here: all but one line of the figures' share hold figures
    int shownFigures = RunSummary.MAX_FIGURE_LINES - 1;
    assertTrue(
        l.contains("  ... and " + (30 - shownFigures) + " more figures"), String.join("\n", l));
    // every output is either listed (one per folder here) or counted in the last line
    long listed = l.stream().filter(x -> x.startsWith("  dir")).count();
    assertEquals("  ... and " + (40 - listed) + " more", l.get(l.size() - 1));
  }

  @Test
  void longListsWrapAtTheWidth() {
    RunSummary s = new RunSummary("spectral", "wrap");
    for (int i = 0; i < 40; i++) {
      s.output(Path.of("out", "field-moment-" + i + ".fits"));
    }
    List<String> l = s.lines();
    int names = 0;
    for (String line : l.subList(3, l.size())) {
      assertTrue(line.length() <= RunSummary.WIDTH, line);
      names += line.trim().replace("out/field-moment-{", "").split(" ").length;
    }
    assertEquals(40, names);
    assertTrue(l.get(l.size() - 1).endsWith(" 39.fits}"), l.get(l.size() - 1));
  }

  @Test
  void aLongRanLineWrapsAtBlanks() {
    String path = "/a/very/long/path/" + "x".repeat(60) + ".uvfits";
    List<String> l = new RunSummary("image", path + ", 96x96 px, 2 channel group(s)").lines();
    assertTrue(l.get(1).startsWith("ran: " + path + ",") && l.get(1).length() <= 100, l.get(1));
    assertTrue(l.get(2).startsWith("     ") && l.get(2).endsWith("2 channel group(s)"), l.get(2));
    assertEquals(
        "ran: " + path + ", 96x96 px, 2 channel group(s)", l.get(1) + " " + l.get(2).substring(5));
    assertEquals("outputs (0):", l.get(3));
  }

  @Test
  void aLongFigureWrapsUnderItsValue() {
    String value = "P = 163.715240 ms  DM = 112.38  sigma = 139.4  numharm = 16  DM hits = 1";
    List<String> l =
        new RunSummary("pulsar search", "x")
            .figure("#1", value + "  folded: reduced chi2 = 85.2 (40.1 sigma)")
            .lines();
    assertEquals("  #1 : " + value, l.get(2));
    assertEquals("       folded: reduced chi2 = 85.2 (40.1 sigma)", l.get(3));
  }
}
