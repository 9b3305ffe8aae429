package org.radiospark.kernels.skymodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radiospark.kernels.model.InvalidInputException;
import org.radiospark.kernels.model.SkyComponent;
import org.radiospark.kernels.testing.SharedData;

class HyperdriveSourceListReaderTest {
  private static final String SRCLIST =
      "mwa/hyperdrive_1090008640/srclist_pumav3_EoR0aegean_EoR1pietro+ForA_1090008640_100.yaml";
  private static final double ARCSEC = Math.PI / (180 * 3600);

  @TempDir Path dir;

  @Test
  void sharedHundredSourceListByHand() throws Exception {
    Path f = SharedData.require(SRCLIST);
    List<CatalogueComponent> all = SkyModelReader.read(f);
    // grep: 106 components ("ra:" lines), 16 of them Gaussian, all with list spectra.
    assertEquals(106, all.size());
    assertEquals(16, all.stream().filter(c -> !c.isPoint()).count());
    assertTrue(all.stream().allMatch(c -> c.spectrum() instanceof SpectralModel.FluxList));

    CatalogueComponent first = all.get(0);
    assertEquals("J000042-342358", first.sourceName());
    assertEquals(Math.toRadians(0.17587049999999999), first.raRad(), 0);
    assertEquals(Math.toRadians(-34.40055), first.decRad(), 0);
    // Exactly on a list frequency, between two (140 MHz 3.29886, 160 MHz 2.90728), and beyond the
    // list (220 MHz 2.15819, 240 MHz 1.99111; 80 MHz 5.65364, 100 MHz 4.55267).
    assertEquals(5.65364, first.spectrum().stokesIAt(80e6), 0);
    double a = Math.log(2.90728 / 3.29886) / Math.log(160.0 / 140.0);
    assertEquals(3.29886 * Math.pow(150.0 / 140.0, a), first.spectrum().stokesIAt(150e6), 1e-12);
    double hi = Math.log(1.99111 / 2.15819) / Math.log(240.0 / 220.0);
    assertEquals(1.99111 * Math.pow(250.0 / 240.0, hi), first.spectrum().stokesIAt(250e6), 1e-12);
    double lo = Math.log(4.55267 / 5.65364) / Math.log(100.0 / 80.0);
    assertEquals(5.65364 * Math.pow(70.0 / 80.0, lo), first.spectrum().stokesIAt(70e6), 1e-12);

    // The first Gaussian of the file: maj 610.398732", min 396.80934", pa 305.06 deg.
    CatalogueComponent g = all.stream().filter(c -> !c.isPoint()).findFirst().orElseThrow();
    assertEquals(610.398732 * ARCSEC, g.majorRad(), 1e-15);
    assertEquals(396.80934 * ARCSEC, g.minorRad(), 1e-15);
    assertEquals(Math.toRadians(305.06), g.paRad(), 1e-15);
    SkyComponent sc = g.at(80e6);
    assertEquals(6.15936, sc.fluxJy()[0], 0);
    assertEquals(80e6, sc.refFreqHz());
    assertEquals(0, sc.spectralIndex());
  }

  @Test
  void powerLawsCurvedPowerLawsAndDefaultsOfQuv() throws Exception {
    Path f = dir.resolve("s.yaml");
    Files.writeString(
        f,
        """
        src1:
          - ra: 10.0
            dec: -20.0
            comp_type: point
            flux_type:
              power_law:
                si: -0.7
                fd: {freq: 150000000.0, i: 2.0, q: 0.5}
          - ra: 10.5
            dec: -20.5
            comp_type:
              gaussian: {maj: 120.0, min: 60.0, pa: 45.0}
            flux_type:
              curved_power_law:
                si: -0.8
                q: -0.2
                fd: {freq: 200000000.0, i: 3.0, q: 0.0, u: 0.0, v: 0.0}
        """);
    List<CatalogueComponent> c = HyperdriveSourceListReader.read(f);
    assertEquals(2, c.size());
    assertEquals("src1", c.get(1).sourceName());
    FluxDensity p = c.get(0).spectrum().at(300e6);
    assertEquals(2 * Math.pow(2, -0.7), p.i(), 1e-12);
    assertEquals(0.5 * Math.pow(2, -0.7), p.q(), 1e-12);
    assertEquals(0, p.u());
    double x = Math.log(0.5);
    assertEquals(
        3 * Math.pow(0.5, -0.8) * Math.exp(-0.2 * x * x),
        c.get(1).spectrum().stokesIAt(100e6),
        1e-12);
    assertEquals(120 * ARCSEC, c.get(1).majorRad(), 1e-15);
  }

  @Test
  void badInputNamesSourceAndField() throws Exception {
    Path f = dir.resolve("bad.yaml");
    Files.writeString(
        f,
        """
        srcA:
          - ra: 1.0
            dec: -20.0
            comp_type: point
            flux_type:
              power_law: {si: -0.7, fd: {freq: 150000000.0}}
        """);
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> HyperdriveSourceListReader.read(f));
    assertTrue(e.getMessage().contains("srcA[0].flux_type.power_law.fd.i"), e.getMessage());

    Path s = dir.resolve("shape.yaml");
    Files.writeString(
        s,
        "x:\n  - ra: 1.0\n    dec: 2.0\n    comp_type:\n      shapelet: {maj: 1, min: 1, pa: 0}\n"
            + "    flux_type:\n      list: [{freq: 1.0e8, i: 1.0}]\n");
    assertThrows(InvalidInputException.class, () -> HyperdriveSourceListReader.read(s));
    Path notYaml = dir.resolve("n.yaml");
    Files.writeString(notYaml, "a: [unclosed");
    assertThrows(InvalidInputException.class, () -> HyperdriveSourceListReader.read(notYaml));
  }
}
