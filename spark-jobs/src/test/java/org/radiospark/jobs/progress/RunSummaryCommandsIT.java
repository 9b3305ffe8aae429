package org.radiospark.jobs.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radiospark.jobs.cli.RadioSparkCli;
import org.radiospark.kernels.testing.DataSamples;
import org.radiospark.kernels.testing.SharedData;

/**
 * The progress lines and end-of-run summaries of two pipelines run through the CLI: {@code image}
 * on the committed SKA1-MID sample (summary on standard error with the progress lines) and {@code
 * pulsar search} on a real time series (summary on standard output, with the candidates).
 */
class RunSummaryCommandsIT {
  @TempDir Path dir;

  @Test
  void imageReportsItsChannelGroupsAndSummarisesOnOneScreen() {
    Path prefix = dir.resolve("out").resolve("sample");
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.err;
    int status;
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      status =
          RadioSparkCli.execute(
              new PrintWriter(out),
              new PrintWriter(err),
              "image",
              "-name",
              prefix.toString(),
              "-size",
              "96",
              "96",
              "-scale",
              "6asec",
              "-niter",
              "50",
              "-channels-out",
              "2",
              "--master",
              "local[2]",
              DataSamples.path("ska1mid-ical.uvfits").toString());
    } finally {
      System.setErr(original);
    }
    String text = captured.toString(StandardCharsets.UTF_8);
    assertEquals(0, status, err + "\n" + text);
    assertTrue(text.contains("image: read "), text);
    assertTrue(text.contains("image: grid+FFT+clean, channel group 2/2 (100%)"), text);
    assertTrue(text.contains("image: write; elapsed"), text);
    int at = text.indexOf("== radiospark image: done in ");
    assertTrue(at >= 0, text);
    List<String> summary = text.substring(at).strip().lines().toList();
    assertTrue(summary.size() <= RunSummary.MAX_LINES, text);
    assertTrue(summary.get(1).startsWith("ran: "), text);
    assertTrue(
        String.join(" ", summary).replaceAll("\\s+", " ").contains("2 channel group(s)"), text);
    assertTrue(summary.stream().anyMatch(l -> l.matches("  peak +: .* Jy/beam at pixel .*")));
    assertTrue(summary.stream().anyMatch(l -> l.startsWith("  restoring beam")), text);
    // 2 groups + MFS, 5 products each, FITS and PNG: 30 files, all listed under one folder
    assertTrue(summary.contains("outputs (30):"), text);
    assertTrue(
        summary.stream().anyMatch(l -> l.startsWith("  " + prefix.getParent() + "/sample-{")),
        text);
  }

  @Test
  void pulsarSearchSummaryNamesTheBestCandidatesAndTheFiles() {
    Path tim = SharedData.require("pulsar/sigpyproc3_GBT_J1807-0847.tim");
    Path prefix = dir.resolve("gbt");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status =
        RadioSparkCli.execute(
            new PrintWriter(out),
            new PrintWriter(err),
            "pulsar",
            "search",
            tim.toString(),
            "-o",
            prefix.toString(),
            "-nfold",
            "2");
    assertEquals(0, status, err.toString());
    List<String> lines = out.toString().lines().toList();
    int at = lines.indexOf(lines.stream().filter(l -> l.startsWith("== ")).findFirst().get());
    assertTrue(lines.get(at).startsWith("== radiospark pulsar search: done in "), out.toString());
    List<String> summary = lines.subList(at, lines.size());
    assertTrue(summary.size() <= RunSummary.MAX_LINES, out.toString());
    // the data's period is 0.16372 s: the best candidate, folded, says so to 3 figures
    assertTrue(
        summary.stream().anyMatch(l -> l.matches("  #1 +: P = 16[34]\\.\\d+ ms .*")),
        out.toString());
    assertTrue(String.join(" ", summary).contains("reduced chi2"), out.toString());
    assertTrue(summary.contains("outputs (3):"), out.toString());
    assertTrue(
        summary.contains("  " + dir + "/gbt-{candidates.csv cand1.png cand2.png}"), out.toString());
  }
}
