package org.radiospark.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radiospark.kernels.testing.SharedData;

/** {@code pulsar search} on a time series (no Spark needed) and its bad-input handling. */
class PulsarCommandTest {
  @TempDir Path dir;

  private record Run(int status, String out, String err) {}

  private Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int s = RadioSparkCli.execute(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(s, out.toString(), err.toString());
  }

  /** Acceptance 3 through the CLI: period, folded significance in the CSV and the summary. */
  @Test
  void timeSeriesSearchWritesCandidatesAndProfiles() throws Exception {
    Path tim = SharedData.require("pulsar/sigpyproc3_GBT_J1807-0847.tim");
    Path prefix = dir.resolve("out").resolve("gbt");
    Run r = run("pulsar", "search", tim.toString(), "-o", prefix.toString(), "-nfold", "2");
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("folded: reduced chi2"), r.out());
    List<String> lines = Files.readAllLines(dir.resolve("out").resolve("gbt-candidates.csv"));
    assertTrue(lines.get(0).startsWith("rank,period_s"));
    String[] best = lines.get(1).split(",");
    double foldP = Double.parseDouble(best[8]);
    double foldSigma = Double.parseDouble(best[10]);
    // the data's period is 0.16372 s (see SharedDataAcceptanceTest): 0.1640 to 3 figures
    assertEquals(0.1640, foldP, 5e-4);
    assertTrue(foldSigma > 5);
    assertTrue(Files.size(dir.resolve("out").resolve("gbt-cand1.png")) > 100);
    assertTrue(Files.exists(dir.resolve("out").resolve("gbt-cand2.png")));
    // a second run refuses to overwrite without --overwrite
    Run again = run("pulsar", "search", tim.toString(), "-o", prefix.toString(), "-nfold", "2");
    assertEquals(2, again.status());
    assertTrue(again.err().contains("--overwrite"), again.err());
  }

  @Test
  void badOptionsAndBadFilesExitTwoWithoutOutputs() throws Exception {
    Path tim = SharedData.require("pulsar/sigpyproc3_GBT_J1807-0847.tim");
    Path prefix = dir.resolve("bad");
    Run z = run("pulsar", "search", tim.toString(), "-o", prefix.toString(), "-zmax", "50");
    assertEquals(2, z.status());
    assertTrue(z.err().contains("-zmax"), z.err());
    Run h = run("pulsar", "search", tim.toString(), "-o", prefix.toString(), "-numharm", "3");
    assertEquals(2, h.status());
    Path junk = dir.resolve("junk.fil");
    Files.write(
        junk,
        new byte[] {
          12, 0, 0, 0, 'H', 'E', 'A', 'D', 'E', 'R', '_', 'S', 'T', 'A', 'R', 'T', 5, 0, 0, 0, 'b',
          'o', 'g', 'u', 's'
        });
    Run j = run("pulsar", "search", junk.toString(), "-o", prefix.toString());
    assertEquals(2, j.status());
    assertTrue(j.err().contains("junk.fil") && j.err().contains("bogus"), j.err());
    Path dat = Files.writeString(dir.resolve("x.dat"), "data");
    Run e = run("pulsar", "search", dat.toString(), "-o", prefix.toString());
    assertEquals(2, e.status());
    assertTrue(e.err().contains(".fil, .tim, .fits or .sf"), e.err());
    Run missing =
        run("pulsar", "search", dir.resolve("nope.fil").toString(), "-o", prefix.toString());
    assertEquals(2, missing.status());
    assertTrue(missing.err().contains("nope.fil") && missing.err().contains("does not exist"));
    try (var s = Files.list(dir)) {
      assertFalse(s.anyMatch(p -> p.getFileName().toString().startsWith("bad")));
    }
  }
}
