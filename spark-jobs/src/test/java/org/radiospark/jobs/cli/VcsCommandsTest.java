package org.radiospark.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radiospark.kernels.io.mwa.AoCalFile;
import org.radiospark.kernels.io.vcs.LegacyVcsFile;
import org.radiospark.kernels.io.vcs.VcsFormat;
import org.radiospark.kernels.testing.SharedData;

/** {@code simulate-vcs} and {@code repack} (no Spark), and bad input to all three VCS commands. */
class VcsCommandsTest {
  @TempDir Path dir;

  private record Run(int status, String out, String err) {}

  private Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int s = RadioSparkCli.execute(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(s, out.toString(), err.toString());
  }

  private static List<Path> list(Path d) throws Exception {
    try (Stream<Path> s = Files.list(d)) {
      return s.sorted().toList();
    }
  }

  @Test
  void simulateRepackAndExtractRoundTrip() throws Exception {
    Path metafits = SharedData.require("layouts/1196175296.metafits");
    Path vcs = dir.resolve("vcs");
    Run sim =
        run(
            "simulate-vcs",
            "--metafits",
            metafits.toString(),
            "--coarse-channels",
            "120-121",
            "--fine-channels",
            "1",
            "--seconds",
            "3",
            "--gain-rms",
            "0.1",
            "-o",
            vcs.toString());
    assertEquals(0, sim.status(), sim.err());
    List<Path> files = list(vcs);
    assertEquals(8, files.size(), files.toString()); // 6 .dat, truth, solutions
    assertEquals(
        new VcsFormat(1),
        LegacyVcsFile.read(vcs.resolve("1196175296_1196175298_ch121.dat")).format());
    assertEquals(128, AoCalFile.read(vcs.resolve("1196175296_solutions.bin")).nAntennas());
    assertTrue(Files.readString(vcs.resolve("1196175296_truth.json")).contains("\"period_s\""));

    Path packed = dir.resolve("packed");
    Run rp = run("repack", vcs.toString(), "--seconds-per-tar", "2", "-o", packed.toString());
    assertEquals(0, rp.status(), rp.err());
    assertTrue(rp.out().contains("compression ratio"), rp.out());
    List<String> record = Files.readAllLines(packed.resolve("repack.csv"));
    assertEquals(5, record.size(), record.toString());
    assertTrue(record.get(0).startsWith("archive,files,raw_bytes"), record.get(0));
    List<Path> tars = list(packed).stream().filter(p -> p.toString().endsWith(".zst")).toList();
    // two channels x (2 + 1 seconds)
    assertEquals(4, tars.size(), tars.toString());
    assertTrue(Files.exists(packed.resolve("1196175296_1196175296_ch120_2s.tar.zst")));
    assertTrue(Files.exists(packed.resolve("1196175296_1196175298_ch120_1s.tar.zst")));

    Path back = dir.resolve("back");
    String[] args = new String[tars.size() + 4];
    args[0] = "repack";
    args[1] = "--extract";
    for (int i = 0; i < tars.size(); i++) {
      args[2 + i] = tars.get(i).toString();
    }
    args[tars.size() + 2] = "-o";
    args[tars.size() + 3] = back.toString();
    Run ex = run(args);
    assertEquals(0, ex.status(), ex.err());
    assertTrue(ex.out().contains("extracted 6 files"), ex.out());
    for (Path f : list(back)) {
      assertArrayEquals(Files.readAllBytes(vcs.resolve(f.getFileName())), Files.readAllBytes(f));
    }
    // again without --overwrite: refused, nothing changed
    Run again = run(args);
    assertEquals(2, again.status());
    assertTrue(again.err().contains("--overwrite"), again.err());
  }

  @Test
  void badInputExitsWithTwoAndWritesNothing() throws Exception {
    Path metafits = SharedData.require("layouts/1196175296.metafits");
    Path out = dir.resolve("none");
    Run r =
        run(
            "simulate-vcs",
            "--metafits",
            metafits.toString(),
            "--coarse-channels",
            "abc",
            "-o",
            out.toString());
    assertEquals(2, r.status());
    assertTrue(r.err().contains("--coarse-channels"), r.err());
    r =
        run(
            "simulate-vcs",
            "--metafits",
            metafits.toString(),
            "--fine-channels",
            "3",
            "-o",
            out.toString());
    assertEquals(2, r.status());
    assertTrue(r.err().contains("128"), r.err());
    assertFalse(Files.exists(out));

    Path bad = dir.resolve("1196175296_1196175296_ch120.dat");
    Files.write(bad, new byte[1234]);
    r =
        run(
            "beamform",
            bad.toString(),
            "--metafits",
            metafits.toString(),
            "--pointings",
            "0,-27",
            "-o",
            dir.resolve("b").resolve("x").toString());
    assertEquals(2, r.status());
    assertTrue(r.err().contains(bad.toString()) && r.err().contains("file size"), r.err());
    r =
        run(
            "beamform",
            bad.toString(),
            "--metafits",
            metafits.toString(),
            "--pointings",
            "0,-27",
            "--downsample",
            "3",
            "-o",
            dir.resolve("b").resolve("x").toString());
    assertEquals(2, r.status());
    assertTrue(r.err().contains("--downsample"), r.err());
    r =
        run(
            "beamform",
            bad.toString(),
            "--metafits",
            metafits.toString(),
            "--pointings",
            "0;-27",
            "-o",
            dir.resolve("b").resolve("x").toString());
    assertEquals(2, r.status());
    assertTrue(r.err().contains("RA,DEC"), r.err());
    assertFalse(Files.exists(dir.resolve("b")));

    Path notTar = dir.resolve("1_1_ch001_1s.tar.zst");
    Files.write(notTar, new byte[10]);
    r = run("repack", "--extract", notTar.toString(), "-o", dir.resolve("x").toString());
    assertEquals(2, r.status(), r.err());
    assertTrue(r.err().contains(notTar.toString()) && r.err().contains("zstd"), r.err());
  }

  @Test
  void pointingsParseDegreesAndSexagesimal() {
    var p = BeamformCommand.parsePointing("J0437=04:37:15.9,-47:15:09.1", "--pointings");
    assertEquals("J0437", p.name());
    assertEquals(15 * (4 + 37 / 60.0 + 15.9 / 3600), p.raDeg(), 1e-9);
    assertEquals(-(47 + 15 / 60.0 + 9.1 / 3600), p.decDeg(), 1e-9);
    var q = BeamformCommand.parsePointing("10.5,-27", "--pointings");
    assertEquals("00:42:00.00_-27:00:00.00", q.name());
  }
}
