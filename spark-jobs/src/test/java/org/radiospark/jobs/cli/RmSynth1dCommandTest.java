package org.radiospark.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radiospark.kernels.polarisation.faraday.RmSpectrumPlot;
import org.radiospark.kernels.testing.SharedData;

/**
 * {@code radiospark rmsynth1d} on RM-Tools' test spectrum (acceptance 1 of issue 5) and bad input.
 */
class RmSynth1dCommandTest {
  @TempDir Path dir;

  private record Run(int status, String out, String err) {}

  private Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status =
        RadioSparkCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Run(status, out.toString(), err.toString());
  }

  @Test
  void rmToolsTestDataGivesTheInjectedSourceAndRmToolsKeys() throws Exception {
    Path data = SharedData.require("rm/RMTools_RMsynth1D_testdata.dat");
    Path json = dir.resolve("src_RMsynth.json");
    Run r = run("rmsynth1d", data.toString(), "-c", "-3", "-S", "-o", json.toString());
    assertEquals(ExitCodes.OK, r.status(), r.err());
    assertTrue(r.out().contains("Peak FD = 200.3"), r.out());
    JsonNode j = new ObjectMapper().readTree(json.toFile());
    // Injected (RM-Tools tests/QA_test.py): RM 200, angle 50 deg, fractional polarisation 0.7.
    double phi = j.get("phiPeakPIfit_rm2").asDouble();
    double dPhi = j.get("dPhiPeakPIfit_rm2").asDouble();
    assertTrue(Math.abs(phi - 200) < 2 * dPhi, phi + " +- " + dPhi);
    double frac = j.get("fracPol").asDouble();
    double dFrac = j.get("dAmpPeakPIfit").asDouble() / j.get("Ifreq0").asDouble();
    assertTrue(Math.abs(frac - 0.7) < 2 * dFrac, frac + " +- " + dFrac);
    double ang = j.get("polAngle0Fit_deg").asDouble();
    double dAng = j.get("dPolAngle0Fit_deg").asDouble();
    assertTrue(Math.abs(ang - 50) < 2 * dAng, ang + " +- " + dAng);
    assertEquals(58.9095, j.get("fwhmRMSF").asDouble(), 1e-3);
    for (String key :
        List.of("ampPeakPIfit", "snrPIfit", "dFDFth", "lam0Sq_m2", "polAngleFit_deg", "RMclean")) {
      assertTrue(j.has(key), key);
    }
    JsonNode c = j.get("RMclean");
    assertTrue(c.get("nIter").asInt() > 0);
    assertEquals(phi, c.get("phiPeakPIfit_rm2").asDouble(), dPhi);
    for (String suffix :
        List.of("_FDFdirty.dat", "_RMSF.dat", "_weight.dat", "_FDFclean.dat", "_FDFmodel.dat")) {
      Path f = dir.resolve("src" + suffix);
      assertTrue(Files.size(f) > 0, suffix);
    }
    assertEquals(
        Files.readString(json), Files.readString(dir.resolve("src_RMsynth.json")), "same JSON");
    assertEquals(288, Files.readAllLines(dir.resolve("src_weight.dat")).size());
    // RM-Tools' two figures as PNG; the FDF's peak marker at the column of the fitted peak
    java.awt.image.BufferedImage fdfPlot =
        javax.imageio.ImageIO.read(dir.resolve("src_RMSF-dirtyFDF-plots.png").toFile());
    java.awt.image.BufferedImage specPlot =
        javax.imageio.ImageIO.read(dir.resolve("src_spectra-plots.png").toFile());
    assertEquals(RmSpectrumPlot.WIDTH, fdfPlot.getWidth());
    assertEquals(RmSpectrumPlot.HEIGHT, specPlot.getHeight());
    // The FDF table reads back bit for bit (shortest round-trip decimals).
    org.radiospark.kernels.polarisation.faraday.RmSynthesis1dResult ref =
        org.radiospark.kernels.polarisation.faraday.RmSynthesis1d.run(
            org.radiospark.kernels.polarisation.faraday.RmToolsSpectrumReader.read(data),
            org.radiospark.kernels.polarisation.faraday.RmSynthesisParameters.defaults());
    java.util.TreeSet<Integer> marker = new java.util.TreeSet<>();
    for (int x = 0; x < fdfPlot.getWidth(); x++) {
      for (int y = fdfPlot.getHeight() / 2; y < fdfPlot.getHeight(); y++) {
        if (fdfPlot.getRGB(x, y) == RmSpectrumPlot.PEAK.getRGB()) {
          marker.add(x);
        }
      }
    }
    assertEquals(List.of(RmSpectrumPlot.fdfColumn(ref, phi)), List.copyOf(marker));
    List<String> rows = Files.readAllLines(dir.resolve("src_FDFdirty.dat"));
    assertEquals(ref.synthesis().axis().n(), rows.size());
    for (int k = 0; k < rows.size(); k++) {
      String[] t = rows.get(k).split(" ");
      assertEquals(ref.synthesis().axis().value(k), Double.parseDouble(t[0]));
      assertEquals(ref.dirtyFdf().re()[k], Double.parseDouble(t[1]));
      assertEquals(ref.dirtyFdf().im()[k], Double.parseDouble(t[2]));
    }

    Run again = run("rmsynth1d", data.toString(), "-o", json.toString());
    assertEquals(ExitCodes.BAD_INPUT, again.status());
    assertTrue(again.err().contains("--overwrite"), again.err());
    assertEquals(
        ExitCodes.OK,
        run("rmsynth1d", data.toString(), "-o", json.toString(), "--overwrite").status());
  }

  @Test
  void badInputExitsTwoAndWritesNothing() throws Exception {
    Path bad = dir.resolve("bad.dat");
    Files.writeString(bad, "8e8 1 0.1 0.2 0.1 0.1 0.1\n8.1e8 1 0.1 oops 0.1 0.1 0.1\n");
    Path json = dir.resolve("out.json");
    Run r = run("rmsynth1d", bad.toString(), "-o", json.toString());
    assertEquals(ExitCodes.BAD_INPUT, r.status());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(r.err().contains("bad.dat: line 2 column 4 (U)"), r.err());

    Path zero = dir.resolve("zero.dat");
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      b.append(1e9 + i * 1e7).append(" 1 0.1 0.2 0 0 0\n");
    }
    Files.writeString(zero, b.toString());
    Run z = run("rmsynth1d", zero.toString(), "-o", json.toString());
    assertEquals(ExitCodes.BAD_INPUT, z.status());
    assertTrue(z.err().contains("uniform"), z.err());
    assertEquals(ExitCodes.BAD_INPUT, run("rmsynth1d", zero.toString(), "-w", "cubic").status());
    try (Stream<Path> s = Files.list(dir)) {
      assertFalse(s.anyMatch(p -> p.getFileName().toString().contains("out")), "no output");
    }
    // uniform weighting works on noiseless data (5 channels is enough for the order-2 fit)
    assertEquals(ExitCodes.OK, run("rmsynth1d", zero.toString(), "-w", "uniform", "-i").status());
  }
}
