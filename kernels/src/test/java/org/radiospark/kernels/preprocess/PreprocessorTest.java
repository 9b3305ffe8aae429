package org.radiospark.kernels.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radiospark.kernels.coords.UvwCalculator;
import org.radiospark.kernels.io.UvfitsData;
import org.radiospark.kernels.io.UvfitsReader;
import org.radiospark.kernels.io.UvfitsWriter;
import org.radiospark.kernels.io.mwa.Metafits;
import org.radiospark.kernels.io.mwa.MetafitsReader;
import org.radiospark.kernels.model.AntennaConfiguration;
import org.radiospark.kernels.model.InvalidInputException;
import org.radiospark.kernels.model.VisibilityBlock;
import org.radiospark.kernels.testing.SharedData;

/**
 * Planted-truth tests of {@link Preprocessor} on synthetic MWAX files made with the real metafits
 * of 1320409688 (128 tiles, 2 s, 40 kHz, phase centre 30 deg from the zenith, cable delays not
 * applied by the correlator, tile 49 flagged).
 */
class PreprocessorTest {
  private static final double C = VisibilityBlock.C;
  private static Metafits meta;
  private static AntennaConfiguration antennas;
  private static long start;

  @BeforeAll
  static void metafits() {
    meta = MetafitsReader.read(SharedData.require("mwa/1320409688.metafits"));
    antennas = meta.antennas();
    start = (long) meta.startUnixSec();
  }

  /** Centre frequency of MWAX fine channel k of receiver channel 137 (40 kHz, 32 per coarse). */
  private static double freq(int k) {
    return 137 * 1.28e6 - 0.64e6 + k * 40e3;
  }

  @Test
  void pointSourceAtThePhaseCentreBecomesItsFlux(@TempDir Path dir) throws Exception {
    // Raw data of a source at the phase centre, as the correlator sees it: the block's
    // measurement equation without the phase tracking (exp(-2 pi i f w / c), w = w2 - w1 of the
    // block convention) and with the cables' delays (exp(+2 pi i f (L2 - L1) / c)).
    CotterUvw model = new CotterUvw(meta.phaseCentre());
    double[][] lengths = meta.electricalLengthsM();
    double[] flux = {1.0, 0.25, -0.25, 0.5}; // XX, XY, YX, YY (real)
    double intSec = meta.intTimeSec();
    long t0 = start + 4; // after the quack time
    double[][] w = new double[2][];
    for (int s = 0; s < 2; s++) {
      double mid = Preprocessor.unixMsToMjdSec(t0 * 1000) + (s + 0.5) * intSec;
      w[s] = UvwCalculator.antennaUvw(model.itrfToUvw(mid), antennas)[2];
    }
    Path file =
        SyntheticMwax.write(
            dir,
            137,
            t0,
            intSec,
            2,
            2,
            (s, k, a1, a2, p) -> {
              double f = freq(k);
              double dl = lengths[a2][p & 1] - lengths[a1][p >> 1];
              double phase =
                  -2 * Math.PI * f * (w[s][a2] - w[s][a1]) / C + 2 * Math.PI * f * dl / C;
              return new double[] {flux[p] * Math.cos(phase), flux[p] * Math.sin(phase)};
            },
            (s, a1, a2, p) -> 1f);
    PreprocessResult r =
        Preprocessor.run(
            meta, List.of(file), List.of(), PreprocessParameters.defaults().withEdgeHz(0));
    assertTrue(r.appliedCableDelay());
    assertTrue(r.appliedGeometric());
    VisibilityBlock b = r.block();
    assertEquals(2 * 8256, b.nRows());
    assertEquals(2, b.nChan());
    int[] mwalibToOut = {0, 2, 3, 1};
    double maxErr = 0;
    for (int row = 0; row < b.nRows(); row++) {
      for (int c = 0; c < 2; c++) {
        for (int p = 0; p < 4; p++) {
          int i = b.index(row, c, mwalibToOut[p]);
          maxErr = Math.max(maxErr, Math.hypot(b.vis()[2 * i] - flux[p], b.vis()[2 * i + 1]));
        }
      }
    }
    // float32 storage of unit phasors (6e-8) and of the phases' products: 1e-6 of the flux.
    assertTrue(maxErr < 1e-6, "max error " + maxErr);
  }

  @Test
  void averagesTimeAndFrequencyWithWeights(@TempDir Path dir) throws Exception {
    long t0 = start + 4;
    Path file =
        SyntheticMwax.write(
            dir,
            137,
            t0,
            2.0,
            4,
            4,
            (s, k, a1, a2, p) -> new double[] {s + 10 * k, a1 + 0.001 * a2 + p},
            (s, a1, a2, p) -> 1f);
    PreprocessParameters params =
        PreprocessParameters.defaults()
            .withCorrections(false, false)
            .withEdgeHz(0)
            .withAveraging(4, 80e3);
    VisibilityBlock b = Preprocessor.run(meta, List.of(file), List.of(), params).block();
    assertEquals(2 * 8256, b.nRows(), "4 x 2 s -> 2 x 4 s");
    assertEquals(2, b.nChan(), "4 x 40 kHz -> 2 x 80 kHz");
    assertArrayEquals(new double[] {freq(0) + 20e3, freq(2) + 20e3}, b.freqHz(), 1e-6);
    assertArrayEquals(new double[] {80e3, 80e3}, b.chanWidthHz());
    assertEquals(4.0, b.integrationSec()[0]);
    double t0Mjd = Preprocessor.unixMsToMjdSec(t0 * 1000);
    assertEquals(t0Mjd + 2.0, b.timeMjdSec()[0], 1e-6);
    assertEquals(t0Mjd + 6.0, b.timeMjdSec()[8256], 1e-6);
    // Baseline (3, 7), output time 1 (steps 2, 3), channel 1 (fine 2, 3), pol XY (mwalib 1).
    int row = 8256 + baselineIndex(3, 7);
    int i = b.index(row, 1, 2);
    assertEquals(2.5 + 25, b.vis()[2 * i], 1e-5);
    assertEquals(3 + 0.007 + 1, b.vis()[2 * i + 1], 1e-5);
    // Weight: 4 samples of 2 s x 40 kHz / 10 kHz.
    assertEquals(4 * 8.0, b.weight()[i], 0.0);
    assertFalse(b.flag()[i]);
  }

  @Test
  void flagsFromTilesEdgesQuackAndWeights(@TempDir Path dir) throws Exception {
    long t0 = start; // the first integration lies within QUACKTIM = 2 s of the start
    int badA1 = 3;
    int badA2 = 7;
    Path file =
        SyntheticMwax.write(
            dir,
            137,
            t0,
            2.0,
            4,
            4,
            (s, k, a1, a2, p) -> new double[] {s + 1, 0},
            (s, a1, a2, p) -> (s == 2 && a1 == badA1 && a2 == badA2 && p == 0) ? 0f : 1f);
    PreprocessParameters params =
        PreprocessParameters.defaults().withCorrections(false, false).withEdgeHz(40e3);
    VisibilityBlock b = Preprocessor.run(meta, List.of(file), List.of(), params).block();
    int bad = baselineIndex(badA1, badA2);
    int tile49 = baselineIndex(12, 49);
    for (int s = 0; s < 4; s++) {
      for (int c = 0; c < 4; c++) {
        boolean quack = s == 0;
        boolean edge = c == 0; // 40 kHz = 1 channel at each edge; channel 31 is not in the file
        assertEquals(quack || edge, b.flag()[b.index(s * 8256, c, 1)], "step " + s + " chan " + c);
        assertTrue(b.flag()[b.index(s * 8256 + tile49, c, 0)], "flagged tile 49");
      }
    }
    int i = b.index(2 * 8256 + bad, 1, 0);
    assertTrue(b.flag()[i], "MWAX weight 0 flags the sample");
    assertEquals(3.0, b.vis()[2 * i], 0.0, "a flagged sample keeps its value");
    assertFalse(b.flag()[b.index(2 * 8256 + bad, 1, 1)], "other pols are kept");

    // Averaging over the flagged sample uses only the good one; all-flagged cells keep the mean.
    VisibilityBlock avg =
        Preprocessor.run(meta, List.of(file), List.of(), params.withAveraging(4, 0)).block();
    int j = avg.index(8256 + bad, 1, 0);
    assertFalse(avg.flag()[j]);
    assertEquals(4.0, avg.vis()[2 * j], 1e-6, "only step 3 of steps 2 and 3 is unflagged");
    assertEquals(8.0, avg.weight()[j], 0.0);
    int q = avg.index(bad, 0, 0);
    assertTrue(avg.flag()[q]);
    assertEquals(1.5, avg.vis()[2 * q], 1e-6);
  }

  @Test
  void threadCountDoesNotChangeTheResult(@TempDir Path dir) throws Exception {
    Path file =
        SyntheticMwax.write(
            dir,
            137,
            start + 4,
            2.0,
            2,
            4,
            (s, k, a1, a2, p) -> new double[] {Math.sin(s + k + a1), Math.cos(a2 * p + k)},
            (s, a1, a2, p) -> 1f);
    PreprocessParameters p = PreprocessParameters.defaults().withEdgeHz(0).withAveraging(4, 0);
    VisibilityBlock one =
        Preprocessor.run(meta, List.of(file), List.of(), p.withThreads(1)).block();
    VisibilityBlock four =
        Preprocessor.run(meta, List.of(file), List.of(), p.withThreads(4)).block();
    assertArrayEquals(one.vis(), four.vis(), 0f);
    assertArrayEquals(one.weight(), four.weight(), 0f);
    assertArrayEquals(one.flag(), four.flag());
    assertArrayEquals(one.wMetres(), four.wMetres(), 0.0);
  }

  @Test
  void appliesMwafFlagsCountingScansFromTheFirstIntegration(@TempDir Path dir) throws Exception {
    long t0 = start + 4;
    Path file =
        SyntheticMwax.write(
            dir,
            137,
            t0,
            2.0,
            2,
            4,
            (s, k, a1, a2, p) -> new double[] {1, 0},
            (s, a1, a2, p) -> 1f);
    int b = baselineIndex(3, 7);
    // GPUBOXNO of an MWAX channel is the receiver channel; flag scan 1, baseline (3, 7), chan 2.
    Path mwaf =
        writeMwaf(
            dir.resolve("f.mwaf"), 137, 2, 4, (scan, bl, ch) -> scan == 1 && bl == b && ch == 2);
    VisibilityBlock v =
        Preprocessor.run(
                meta,
                List.of(file),
                List.of(mwaf),
                PreprocessParameters.defaults().withCorrections(false, false).withEdgeHz(0))
            .block();
    int flagged = 0;
    for (int i = 0; i < v.flag().length; i++) {
      flagged += v.flag()[i] ? 1 : 0;
    }
    int tile49 = 2 * 4 * 4 * 128; // 128 baselines with tile 49 x 2 scans x 4 chans x 4 pols
    assertEquals(tile49 + 4, flagged);
    for (int p = 0; p < 4; p++) {
      assertTrue(v.flag()[v.index(8256 + b, 2, p)]);
      assertFalse(v.flag()[v.index(b, 2, p)]);
    }
  }

  /** Whether (scan, baseline, channel) is flagged in a synthetic mwaf. */
  private interface FlagFn {
    boolean at(int scan, int baseline, int channel);
  }

  /** Writes Cotter's mwaf layout byte by byte (a bit column nX, most significant bit first). */
  private static Path writeMwaf(Path file, int gpubox, int nScans, int nChan, FlagFn fn)
      throws java.io.IOException {
    int nb = 8256;
    int rowBytes = (nChan + 7) / 8;
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    header(
        out,
        "SIMPLE  =                    T",
        "BITPIX  =                    8",
        "NAXIS   =                    0",
        "EXTEND  =                    T",
        String.format("GPUBOXNO= %20d", gpubox),
        "NANTENNA=                  128",
        String.format("NCHANS  = %20d", nChan),
        String.format("NSCANS  = %20d", nScans));
    header(
        out,
        "XTENSION= 'BINTABLE'",
        "BITPIX  =                    8",
        "NAXIS   =                    2",
        String.format("NAXIS1  = %20d", rowBytes),
        String.format("NAXIS2  = %20d", nScans * nb),
        "PCOUNT  =                    0",
        "GCOUNT  =                    1",
        "TFIELDS =                    1",
        "TTYPE1  = 'FLAGS   '",
        String.format("TFORM1  = '%dX'", nChan));
    byte[] data = new byte[((nScans * nb * rowBytes + 2879) / 2880) * 2880];
    for (int s = 0; s < nScans; s++) {
      for (int bl = 0; bl < nb; bl++) {
        for (int c = 0; c < nChan; c++) {
          if (fn.at(s, bl, c)) {
            data[(s * nb + bl) * rowBytes + c / 8] |= (byte) (0x80 >> (c % 8));
          }
        }
      }
    }
    out.write(data);
    return java.nio.file.Files.write(file, out.toByteArray());
  }

  private static void header(java.io.ByteArrayOutputStream out, String... cards) {
    StringBuilder sb = new StringBuilder();
    for (String c : cards) {
      sb.append(String.format("%-80s", c));
    }
    sb.append(String.format("%-80s", "END"));
    while (sb.length() % 2880 != 0) {
      sb.append(' ');
    }
    out.writeBytes(sb.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  }

  @Test
  void writesUvfitsThatReadsBack(@TempDir Path dir) throws Exception {
    Path file =
        SyntheticMwax.write(
            dir,
            137,
            start + 4,
            2.0,
            1,
            2,
            (s, k, a1, a2, p) -> new double[] {a1 + k, a2 - p},
            (s, a1, a2, p) -> 1f);
    PreprocessResult r =
        Preprocessor.run(meta, List.of(file), List.of(), PreprocessParameters.defaults());
    Path out = dir.resolve("out.uvfits");
    UvfitsWriter.write(out, UvfitsData.of(r.block(), r.antennas(), "TEST", "RadioSpark"), false);
    VisibilityBlock back = UvfitsReader.read(out).block();
    VisibilityBlock b = r.block();
    assertEquals(b.nRows(), back.nRows());
    assertArrayEquals(b.antenna1(), back.antenna1());
    assertArrayEquals(b.antenna2(), back.antenna2());
    assertArrayEquals(b.pols(), back.pols());
    assertArrayEquals(b.freqHz(), back.freqHz(), 1e-3);
    assertArrayEquals(b.vis(), back.vis(), 0f);
    assertArrayEquals(b.flag(), back.flag());
    for (int row = 0; row < b.nRows(); row++) {
      // uvw are stored as float32 seconds: 6e-8 relative.
      assertEquals(b.uMetres()[row], back.uMetres()[row], 1e-7 * Math.abs(b.uMetres()[row]) + 1e-9);
    }
  }

  @Test
  void rejectsAveragingThatDoesNotDivide(@TempDir Path dir) throws Exception {
    Path file =
        SyntheticMwax.write(
            dir,
            137,
            start + 4,
            2.0,
            1,
            2,
            (s, k, a1, a2, p) -> new double[2],
            (s, a1, a2, p) -> 1f);
    assertThrows(
        IllegalArgumentException.class,
        () ->
            Preprocessor.run(
                meta,
                List.of(file),
                List.of(),
                PreprocessParameters.defaults().withAveraging(3, 0)));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            Preprocessor.run(
                meta,
                List.of(file),
                List.of(),
                PreprocessParameters.defaults().withAveraging(0, 120e3)));
    assertThrows(
        IllegalArgumentException.class, () -> PreprocessParameters.defaults().withEdgeHz(-1));
    assertThrows(
        InvalidInputException.class,
        () ->
            Preprocessor.run(
                meta, List.of(file, file), List.of(), PreprocessParameters.defaults()));
  }

  private static int baselineIndex(int a1, int a2) {
    int b = 0;
    for (int i = 0; i < a1; i++) {
      b += 128 - i;
    }
    return b + (a2 - a1);
  }
}
