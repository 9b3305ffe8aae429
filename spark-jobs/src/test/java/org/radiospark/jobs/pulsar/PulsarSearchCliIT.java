package org.radiospark.jobs.pulsar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radiospark.jobs.cli.RadioSparkCli;
import org.radiospark.kernels.testing.SharedData;

/**
 * Issue 6 acceptance 1 and 2 through {@code radiospark pulsar search} on local Spark (each run
 * starts and stops its own session).
 */
class PulsarSearchCliIT {
  @TempDir Path dir;

  /** Acceptance 1 through the CLI on Spark. */
  @Test
  void tutorialPulsarThroughTheCli() throws Exception {
    Path fil = SharedData.require("pulsar/sigpyproc3_tutorial.fil");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int s =
        RadioSparkCli.execute(
            new PrintWriter(out),
            new PrintWriter(err),
            "pulsar",
            "search",
            fil.toString(),
            "-lodm",
            "0",
            "-hidm",
            "60",
            "-nfold",
            "1",
            "-o",
            dir.resolve("tut").toString(),
            "--master",
            "local[2]");
    assertEquals(0, s, err.toString());
    List<String> lines = Files.readAllLines(dir.resolve("tut-candidates.csv"));
    String[] best = lines.get(1).split(",");
    assertEquals(0.250, Double.parseDouble(best[8]), 1e-4, out.toString());
    assertEquals(30, Double.parseDouble(best[3]), 3.0 + 1e-9); // one DM trial (step 3)
    assertTrue(Files.exists(dir.resolve("tut-cand1.png")));
  }

  /** Acceptance 2 through the CLI on Spark. */
  @Test
  void your28BurstThroughTheCli() throws Exception {
    Path fil = SharedData.require("pulsar/your_28.fil");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int s =
        RadioSparkCli.execute(
            new PrintWriter(out),
            new PrintWriter(err),
            "pulsar",
            "search",
            fil.toString(),
            "-lodm",
            "0",
            "-hidm",
            "700",
            "--single-pulse",
            "--rfifind",
            "-nfold",
            "0",
            "-o",
            dir.resolve("y28").toString(),
            "--master",
            "local[2]");
    assertEquals(0, s, err.toString());
    List<String> lines = Files.readAllLines(dir.resolve("y28-singlepulse.csv"));
    String[] best = lines.get(1).split(",");
    assertEquals(475, Double.parseDouble(best[0]), 0.05 * 475, out.toString());
    assertEquals(2.03, Double.parseDouble(best[1]), 0.010);
    assertTrue(Double.parseDouble(best[3]) >= 10);
    assertTrue(out.toString().contains("rfifind:"), out.toString());
  }
}
