package org.radiospark.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radiospark.jobs.ical.plan.IcalCostModel;
import org.radiospark.jobs.ical.plan.IcalDimensions;

class PlanCommandTest {
  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return RadioSparkCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  private static final String[] PAPER = {
    "plan", "ical", "--baselines", "19306", "--channels", "8192", "--pols", "4", "--times", "36"
  };

  private static String[] with(String[] base, String... more) {
    String[] a = java.util.Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, a, base.length, more.length);
    return a;
  }

  @Test
  void printsEveryStageForBothStrategiesAndWritesJsonThatReadsBack() throws Exception {
    Path json = dir.resolve("sub/plan.json");
    assertEquals(
        ExitCodes.OK,
        run(with(PAPER, "--facets", "2x2", "--freq-partitions", "64", "--json", json.toString())),
        err.toString());
    String table = out.toString();
    for (String stage :
        new String[] {
          "load+partitionBy",
          "reppre_ifft",
          "degrid",
          "pharotpre_dft_sumvis",
          "solve",
          "correct_subtract",
          "grid_fft",
          "rekey_facets",
          "deconvolve",
          "update_lsm",
          "strategy partitioner",
          "strategy cogroup",
          "total per loop",
          "shuffle per loop"
        }) {
      assertTrue(table.contains(stage), stage + " missing from\n" + table);
    }
    assertEquals(
        IcalCostModel.estimate(
            IcalDimensions.builder(19306, 8192, 4, 36).freqPartitions(64).build()),
        PlanCommand.readJson(json));
  }

  @Test
  void refusesToReplaceJsonWithoutOverwrite() throws Exception {
    Path json = dir.resolve("plan.json");
    Files.writeString(json, "keep");
    assertEquals(ExitCodes.BAD_INPUT, run(with(PAPER, "--json", json.toString())));
    assertEquals("keep", Files.readString(json));
    assertTrue(err.toString().contains("--overwrite"), err.toString());
    assertEquals(ExitCodes.OK, run(with(PAPER, "--json", json.toString(), "--overwrite")));
    assertFalse(Files.readString(json).equals("keep"));
  }

  @Test
  void badOptionsExitWithTwo() {
    String[][] bad = {
      with(PAPER, "--pols", "5"),
      with(PAPER, "--facets", "2by2"),
      with(PAPER, "--facets", "99999999999x2"),
      with(PAPER, "--freq-partitions", "0"),
      with(PAPER, "--freq-partitions", "9000"),
      with(PAPER, "--epsilon", "1e-9"),
      with(PAPER, "--image-size", "1", "--facets", "2x2"),
      with(PAPER, "--executors", "0"),
      with(PAPER, "--times", "many"),
      {"plan", "ical", "--baselines", "19306", "--channels", "8192", "--pols", "4"},
      {"plan"},
      {"plan", "gleamx"}
    };
    for (String[] args : bad) {
      err.getBuffer().setLength(0);
      assertEquals(ExitCodes.BAD_INPUT, run(args), String.join(" ", args) + ": " + err);
      assertTrue(err.toString().startsWith("radiospark: "), err.toString());
      assertEquals(1, err.toString().strip().lines().count(), err.toString());
    }
  }
}
