package org.radiospark.jobs.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Progress lines on a hand-driven clock: counts, the ETA formula, throttling, the final line. */
class ProgressTest {
  private final long[] now = {1_000_000};
  private final List<ProgressLine> lines = new ArrayList<>();

  private Progress progress(long intervalMs) {
    return new Progress("demo", () -> now[0], lines::add, intervalMs);
  }

  @Test
  void stageLineNamesThePipelineTheStageAndTheElapsedTime() {
    Progress p = progress(0);
    now[0] += 65_000;
    p.stage("write");
    assertEquals("demo: write; elapsed 1m05s", lines.get(0).text());
    assertEquals(-1, lines.get(0).completed());
    assertTrue(Double.isNaN(lines.get(0).etaSeconds()));
  }

  @Test
  void etaIsTheMeanRateOfTheCompletedUnitsAppliedToTheRest() {
    Progress p = progress(0);
    now[0] += 5_000; // the stage starts 5 s into the run
    Progress.Counter c = p.units("imaging", "channel group", 4);
    long[] doneAfterMs = {10_000, 30_000, 33_000, 60_000};
    long stageStart = now[0];
    for (long t : doneAfterMs) {
      now[0] = stageStart + t;
      c.done();
    }
    assertEquals(4, lines.size());
    for (int k = 1; k <= 4; k++) {
      ProgressLine l = lines.get(k - 1);
      assertEquals(k, l.completed());
      assertEquals(4, l.total());
      double expected = doneAfterMs[k - 1] * 1e-3 * (4 - k) / k;
      assertEquals(expected, l.etaSeconds(), 1e-9);
      assertEquals(5 + doneAfterMs[k - 1] * 1e-3, l.elapsedSeconds(), 1e-9);
    }
    assertEquals(
        "demo: imaging, channel group 1/4 (25%); elapsed 15s, ETA 30s", lines.get(0).text());
    assertEquals(
        "demo: imaging, channel group 4/4 (100%); elapsed 1m05s, imaging took 1m00s",
        lines.get(3).text());
  }

  @Test
  void namedUnitsCarryTheirOwnWordsAndDetail() {
    Progress p = progress(0);
    Progress.Counter c = p.units("major loops", "major loop", 2);
    now[0] += 2_000;
    c.done("major loop 1/1 (self-cal)", "residual rms 0.01 Jy/beam");
    now[0] += 2_000;
    c.done("final residual pass", "");
    assertEquals(
        "demo: major loop 1/1 (self-cal): residual rms 0.01 Jy/beam; elapsed 2s, ETA 2s",
        lines.get(0).text());
    assertEquals("demo: final residual pass; elapsed 4s, major loops took 4s", lines.get(1).text());
  }

  @Test
  void taskLinesAreThrottledButTheFirstAndLastAlwaysPrint() {
    Progress p = progress(5_000);
    Progress.Counter c = p.taskCounter("snapshots", "snapshot", 10);
    long t0 = now[0];
    for (int k = 1; k <= 10; k++) {
      c.doneAt(t0 + 1_000L * k, null, null); // one unit a second
    }
    List<Integer> printed = lines.stream().map(ProgressLine::completed).toList();
    assertEquals(List.of(1, 6, 10), printed);
    assertEquals(10, c.completed());
  }

  @Test
  void finishCompletesSkippedUnitsWithOneFinalLine() {
    Progress p = progress(5_000);
    Progress.Counter c = p.taskCounter("tiles", "tile", 3);
    c.doneAt(now[0] + 100, null, null);
    c.finish();
    assertEquals(2, lines.size());
    assertEquals(3, lines.get(1).completed());
    assertTrue(lines.get(1).text().contains("tile 3/3 (100%)"), lines.get(1).text());
    c.finish(); // nothing more to say
    assertEquals(2, lines.size());
  }

  @Test
  void moreUnitsThanTotalIsAnError() {
    Progress.Counter c = progress(0).units("x", "unit", 1);
    c.done();
    assertThrows(IllegalStateException.class, c::done);
    assertThrows(IllegalArgumentException.class, () -> progress(0).units("x", "unit", 0));
  }

  @Test
  void durationsAsTheLogWritesThem() {
    assertEquals("0s", Progress.duration(0.4));
    assertEquals("59s", Progress.duration(59.4));
    assertEquals("1m00s", Progress.duration(59.6));
    assertEquals("1h02m03s", Progress.duration(3723));
    assertEquals("?", Progress.duration(Double.NaN));
  }

  @Test
  void theBarsLineIsBlankedToItsWidth() {
    assertEquals(80, Progress.terminalWidth(null));
    assertEquals(120, Progress.terminalWidth("120"));
    assertEquals(80, Progress.terminalWidth("wide"));
    String blank = Progress.blankLine(80);
    assertEquals(82, blank.length());
    assertTrue(blank.startsWith("\r") && blank.endsWith("\r") && blank.strip().isEmpty());
  }
}
