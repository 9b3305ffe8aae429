package org.radiospark.kernels.polarisation.faraday;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radiospark.kernels.model.InvalidInputException;

class RmToolsSpectrumReaderTest {
  @TempDir Path dir;

  private Path write(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  @Test
  void readsSevenAndFiveColumnsWithCommentsAndNan() throws Exception {
    PolarisationSpectrum s7 =
        RmToolsSpectrumReader.read(
            write(
                "a.dat",
                "# freq I Q U dI dQ dU\n"
                    + "1.0e9 1 0.1 0.2 0.01 0.02 0.03\n\n"
                    + "1.1e9\t0.9 nan 0.25 0.01 0.02 0.03\n"));
    assertTrue(s7.hasStokesI());
    assertArrayEquals(new double[] {1e9, 1.1e9}, s7.freqHz());
    assertArrayEquals(new double[] {1, 0.9}, s7.stokesI());
    assertTrue(Double.isNaN(s7.q()[1]));
    assertEquals(0.03, s7.dU()[1]);
    PolarisationSpectrum s5 =
        RmToolsSpectrumReader.read(
            write("b.dat", "1e9 0.1 0.2 0.01 0.01\n2e9 0.3 0.4 0.01 0.01\n"));
    assertFalse(s5.hasStokesI());
    assertArrayEquals(new double[] {0.2, 0.4}, s5.u());
  }

  @Test
  void readsTheRmToolsTestFileExactly() throws Exception {
    Path f = org.radiospark.kernels.testing.SharedData.require("rm/RMTools_RMsynth1D_testdata.dat");
    PolarisationSpectrum s = RmToolsSpectrumReader.read(f);
    assertEquals(288, s.nChannels());
    String first = Files.readAllLines(f).get(0).strip();
    String[] tok = first.split("\\s+");
    // Java's and numpy's shortest-repr decimal parsers agree: values read back bit for bit.
    assertEquals(Double.parseDouble(tok[0]), s.freqHz()[0]);
    assertEquals(Double.parseDouble(tok[3]), s.u()[0]);
    assertEquals(1.088e9, s.freqHz()[287]);
  }

  @Test
  void badInputNamesFileLineAndColumn() throws Exception {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () ->
                RmToolsSpectrumReader.read(write("c.dat", "1e9 1 2 3 4 5 6\n1.1e9 1 2 x 4 5 6\n")));
    assertTrue(e.getMessage().contains("c.dat"), e.getMessage());
    assertTrue(e.getMessage().contains("line 2 column 4 (U)"), e.getMessage());
    e =
        assertThrows(
            InvalidInputException.class,
            () -> RmToolsSpectrumReader.read(write("d.dat", "1e9 1 2 3\n")));
    assertTrue(e.getMessage().contains("line 1"), e.getMessage());
    assertTrue(e.getMessage().contains("7 columns"), e.getMessage());
    e =
        assertThrows(
            InvalidInputException.class,
            () -> RmToolsSpectrumReader.read(write("e.dat", "1e9 1 2 3 4\n1e9 1 2 3 4 5 6\n")));
    assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    e =
        assertThrows(
            InvalidInputException.class,
            () -> RmToolsSpectrumReader.read(write("f.dat", "-1e9 1 2 3 4\n1e9 1 2 3 4\n")));
    assertTrue(e.getMessage().contains("column 1 (freq_Hz)"), e.getMessage());
    e =
        assertThrows(
            InvalidInputException.class,
            () -> RmToolsSpectrumReader.read(write("g.dat", "1e9 1 2 -3 4\n2e9 1 2 3 4\n")));
    assertTrue(e.getMessage().contains("column 4 (dq)"), e.getMessage());
    e =
        assertThrows(
            InvalidInputException.class,
            () -> RmToolsSpectrumReader.read(write("h.dat", "# only a comment\n")));
    assertTrue(e.getMessage().contains("at least 2 channels"), e.getMessage());
  }
}
