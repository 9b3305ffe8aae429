package org.radiospark.kernels.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import nom.tam.fits.FitsUtil;
import nom.tam.fits.Header;
import nom.tam.util.FitsInputStream;
import nom.tam.util.FitsOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radiospark.kernels.model.Beam;
import org.radiospark.kernels.model.Image;
import org.radiospark.kernels.model.ImageGeometry;
import org.radiospark.kernels.model.InvalidInputException;
import org.radiospark.kernels.model.PhaseCentre;
import org.radiospark.kernels.model.Stokes;

class FitsImageTest {
  @TempDir Path dir;

  private static final PhaseCentre EOR0 = PhaseCentre.ofDegrees(359.85, -26.78);

  /** Float-representable random pixels (the file is float32) with a NaN and infinities. */
  static Image planted(int nx, int ny, double freq, Stokes s, long seed) {
    Random rnd = new Random(seed);
    ImageGeometry g = new ImageGeometry(nx, ny, Math.toRadians(0.6 / 60), EOR0, freq, 30.72e6, s);
    double[] px = new double[nx * ny];
    for (int i = 0; i < px.length; i++) {
      px[i] = (float) rnd.nextGaussian();
    }
    px[3] = Double.NaN;
    px[4] = Double.POSITIVE_INFINITY;
    return new Image(
        g, px, new Beam(Math.toRadians(2.1 / 60), Math.toRadians(1.9 / 60), 0.3), "JY/BEAM");
  }

  static void assertSameGeometry(ImageGeometry e, ImageGeometry a) {
    assertEquals(e.nx(), a.nx());
    assertEquals(e.ny(), a.ny());
    // Radians -> degrees in the header -> radians: a couple of roundings.
    assertEquals(e.cellRad(), a.cellRad(), 4 * Math.ulp(e.cellRad()));
    assertEquals(e.centre().raRad(), a.centre().raRad(), 4 * Math.ulp(2 * Math.PI));
    assertEquals(e.centre().decRad(), a.centre().decRad(), 4 * Math.ulp(1.0));
    assertEquals(e.freqHz(), a.freqHz(), 0.0);
    assertEquals(e.bandwidthHz(), a.bandwidthHz(), 0.0);
    assertEquals(e.stokes(), a.stokes());
  }

  @Test
  void singlePlaneRoundTripsWithBeamUnitAndNans() throws IOException {
    Image img = planted(65, 48, 154.235e6, Stokes.I, 1);
    Path f = dir.resolve("img.fits");
    FitsImageWriter.write(
        f,
        img,
        FitsImageOptions.defaults().withDateObs("2013-08-23T18:04:40.0").withNames("EoR0", "MWA"));
    FitsImageData d = FitsImageReader.read(f);
    Image back = d.cube().planes().get(0);
    assertArrayEquals(img.pixels(), back.pixels());
    assertSameGeometry(img.geometry(), back.geometry());
    assertEquals("JY/BEAM", back.unit());
    assertEquals(img.beam().majorRad(), back.beam().majorRad(), 4 * Math.ulp(1e-3));
    assertEquals(img.beam().minorRad(), back.beam().minorRad(), 4 * Math.ulp(1e-3));
    assertEquals(img.beam().paRad(), back.beam().paRad(), 4 * Math.ulp(0.3));
    assertEquals("2013-08-23T18:04:40.0", d.dateObs());
    assertEquals("FK5", d.referenceFrame());
    assertEquals("EoR0", d.object());
    assertEquals("MWA", d.telescope());
    assertArrayEquals(img.pixels(), FitsImageReader.readImage(f).pixels());
  }

  @Test
  void imageWithoutBeamReadsBackWithoutBeam() throws IOException {
    Image img = planted(16, 16, 150e6, Stokes.V, 2).withBeam(null);
    Path f = dir.resolve("nobeam.fits");
    FitsImageWriter.write(f, img, FitsImageOptions.defaults());
    assertNull(FitsImageReader.readImage(f).beam());
    assertEquals(Stokes.V, FitsImageReader.readImage(f).geometry().stokes());
  }

  @Test
  void cubeOfThreeChannelsAndFourStokesRoundTrips() throws IOException {
    Stokes[] st = {Stokes.I, Stokes.Q, Stokes.U, Stokes.V};
    List<Image> planes = new ArrayList<>();
    for (int s = 0; s < 4; s++) {
      for (int c = 0; c < 3; c++) {
        Image p = planted(20, 24, 140e6 + c * 1.28e6, st[s], 10 * s + c);
        planes.add(
            p.withPixels(p.pixels()).withBeam(planes.isEmpty() ? p.beam() : planes.get(0).beam()));
      }
    }
    // The geometry's bandwidth of a cube plane is the channel spacing on reading back.
    List<Image> fixed = new ArrayList<>();
    for (Image p : planes) {
      fixed.add(
          new Image(
              p.geometry().withFrequency(p.geometry().freqHz(), 1.28e6),
              p.pixels(),
              planes.get(0).beam(),
              p.unit()));
    }
    ImageCube cube = new ImageCube(fixed, 3, 4);
    Path f = dir.resolve("cube.fits");
    FitsImageWriter.writeCube(f, cube, FitsImageOptions.defaults());
    ImageCube back = FitsImageReader.read(f).cube();
    assertEquals(3, back.nFreq());
    assertEquals(4, back.nStokes());
    for (int s = 0; s < 4; s++) {
      for (int c = 0; c < 3; c++) {
        assertArrayEquals(cube.plane(c, s).pixels(), back.plane(c, s).pixels());
        assertSameGeometry(cube.plane(c, s).geometry(), back.plane(c, s).geometry());
      }
    }
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> FitsImageReader.readImage(f));
    assertEquals("NAXIS3/NAXIS4", e.field());
  }

  /**
   * The WCS as astropy.wcs or DS9 would evaluate it from our own keywords (FITS WCS Paper II, SIN
   * with no PV terms): pixel (nx/2, ny/2) 0-based is the phase centre, and every pixel lands on the
   * sky direction whose direction cosines are those of {@link ImageGeometry#l}/{@link
   * ImageGeometry#m}.
   */
  @Test
  void headerWcsPutsThePhaseCentreAtPixelHalfNAndFollowsSin() throws IOException {
    for (int[] size : new int[][] {{64, 64}, {65, 47}}) {
      int nx = size[0];
      int ny = size[1];
      ImageGeometry g = new ImageGeometry(nx, ny, Math.toRadians(0.02), EOR0, 150e6, 1e6, Stokes.I);
      Path f = dir.resolve("wcs" + nx + ".fits");
      FitsImageWriter.write(f, Image.zeros(g), FitsImageOptions.defaults());
      Header h;
      try (FitsInputStream in = new FitsInputStream(Files.newInputStream(f))) {
        h = Header.readHeader(in);
      }
      assertEquals("RA---SIN", h.getStringValue("CTYPE1"));
      assertEquals("DEC--SIN", h.getStringValue("CTYPE2"));
      for (int[] px : new int[][] {{nx / 2, ny / 2}, {0, 0}, {nx - 1, 3}, {5, ny - 1}}) {
        double[] radec = pixelToWorld(h, px[0], px[1]);
        if (px[0] == nx / 2 && px[1] == ny / 2) {
          assertEquals(EOR0.raDeg(), radec[0], 1e-9);
          assertEquals(EOR0.decDeg(), radec[1], 1e-9);
        }
        // Direction cosines of the world position relative to the phase centre.
        double ra = Math.toRadians(radec[0]);
        double dec = Math.toRadians(radec[1]);
        double dra = ra - EOR0.raRad();
        double l = Math.cos(dec) * Math.sin(dra);
        double m =
            Math.sin(dec) * Math.cos(EOR0.decRad())
                - Math.cos(dec) * Math.sin(EOR0.decRad()) * Math.cos(dra);
        assertEquals(g.l(px[0]), l, 1e-12, "l of pixel " + Arrays.toString(px));
        assertEquals(g.m(px[1]), m, 1e-12, "m of pixel " + Arrays.toString(px));
      }
    }
  }

  /** FITS WCS pixel (0-based) to (RA, Dec) degrees for a SIN projection, from the header alone. */
  private static double[] pixelToWorld(Header h, int x, int y) {
    double xi = h.getDoubleValue("CDELT1") * (x + 1 - h.getDoubleValue("CRPIX1"));
    double eta = h.getDoubleValue("CDELT2") * (y + 1 - h.getDoubleValue("CRPIX2"));
    // Paper II eq. (S.3): native spherical coordinates of SIN from intermediate coordinates.
    double l = Math.toRadians(xi);
    double m = Math.toRadians(eta);
    double n = Math.sqrt(1 - l * l - m * m);
    double ra0 = Math.toRadians(h.getDoubleValue("CRVAL1"));
    double dec0 = Math.toRadians(h.getDoubleValue("CRVAL2"));
    double dec = Math.asin(m * Math.cos(dec0) + n * Math.sin(dec0));
    double ra = ra0 + Math.atan2(l, n * Math.cos(dec0) - m * Math.sin(dec0));
    return new double[] {Math.toDegrees(ra), Math.toDegrees(dec)};
  }

  @Test
  void casaAxisOrderStokesBeforeFreqIsUnderstood() throws IOException {
    // A hand-made header with axis 3 = STOKES (2) and axis 4 = FREQ (3), pixel value = plane id.
    Image p0 = planted(8, 6, 100e6, Stokes.XX, 3).withBeam(null);
    Header h = FitsImageWriter.header(ImageCube.of(p0), FitsImageOptions.defaults());
    h.addValue("NAXIS3", 2, "");
    h.addValue("NAXIS4", 3, "");
    h.addValue("CTYPE3", "STOKES", "");
    h.addValue("CRVAL3", -5.0, "");
    h.addValue("CDELT3", -1.0, "");
    h.addValue("CTYPE4", "FREQ", "");
    h.addValue("CRVAL4", 100e6, "");
    h.addValue("CDELT4", 2e6, "");
    h.deleteKey("CUNIT3");
    Path f = dir.resolve("casa.fits");
    try (FitsOutputStream out = new FitsOutputStream(Files.newOutputStream(f))) {
      h.write(out);
      ByteBuffer bb = ByteBuffer.allocate(4 * 48 * 6);
      for (int plane = 0; plane < 6; plane++) {
        for (int i = 0; i < 48; i++) {
          bb.putFloat(plane);
        }
      }
      out.write(bb.array());
      FitsUtil.pad(out, bb.capacity());
    }
    ImageCube c = FitsImageReader.read(f).cube();
    assertEquals(3, c.nFreq());
    assertEquals(2, c.nStokes());
    for (int fr = 0; fr < 3; fr++) {
      for (int s = 0; s < 2; s++) {
        Image p = c.plane(fr, s);
        assertEquals(fr * 2 + s, p.pixels()[0], "file plane (freq slow, stokes fast)");
        assertEquals(100e6 + fr * 2e6, p.geometry().freqHz());
        assertEquals(s == 0 ? Stokes.XX : Stokes.YY, p.geometry().stokes());
      }
    }
  }

  @Test
  void refusesToOverwriteUnlessAsked() throws IOException {
    Path f = dir.resolve("o.fits");
    Image img = planted(8, 8, 1e8, Stokes.I, 4);
    FitsImageWriter.write(f, img, FitsImageOptions.defaults());
    assertThrows(
        FileAlreadyExistsException.class,
        () -> FitsImageWriter.write(f, img, FitsImageOptions.defaults()));
    FitsImageWriter.write(f, img, FitsImageOptions.defaults().withOverwrite(true));
    try (var s = Files.list(dir)) {
      assertEquals(1, s.count());
    }
  }

  // ---- bad input: a valid file damaged in one keyword ----

  private byte[] goodFile() throws IOException {
    Path f = dir.resolve("good.fits");
    FitsImageWriter.write(
        f, planted(16, 16, 1e8, Stokes.I, 5), FitsImageOptions.defaults().withOverwrite(true));
    return Files.readAllBytes(f);
  }

  private InvalidInputException broken(byte[] content) throws IOException {
    Path f = dir.resolve("bad.fits");
    Files.write(f, content);
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> FitsImageReader.read(f));
    assertEquals(f.toString(), e.file());
    return e;
  }

  private byte[] patch(String from, String to) throws IOException {
    byte[] b = goodFile();
    String head = new String(b, 0, UvfitsBadInputTest.headerBytes(b), StandardCharsets.US_ASCII);
    int at = head.indexOf(from);
    assertTrue(at >= 0, "fixture lacks " + from);
    byte[] t = to.getBytes(StandardCharsets.US_ASCII);
    assertEquals(from.length(), t.length);
    System.arraycopy(t, 0, b, at, t.length);
    return b;
  }

  @Test
  void wrongNaxis() throws IOException {
    assertEquals(
        "NAXIS",
        broken(patch("NAXIS   =                    4", "NAXIS   =                    5")).field());
  }

  @Test
  void tanProjectionIsRejected() throws IOException {
    assertEquals("CTYPE1", broken(patch("'RA---SIN'", "'RA---TAN'")).field());
    assertEquals("CTYPE2", broken(patch("'DEC--SIN'", "'DEC--TAN'")).field());
  }

  @Test
  void missingCdeltAndCrpix() throws IOException {
    assertEquals("CDELT1", broken(patch("CDELT1 ", "CDELTX ")).field());
    assertEquals("CRPIX2", broken(patch("CRPIX2 ", "CRPIXX ")).field());
  }

  @Test
  void offCentreReferencePixelIsRejected() throws IOException {
    assertEquals(
        "CRPIX1",
        broken(patch("CRPIX1  =                  9.0", "CRPIX1  =                  8.0")).field());
  }

  @Test
  void truncatedAndNonFits() throws IOException {
    byte[] good = goodFile();
    assertEquals(
        "data", broken(Arrays.copyOf(good, UvfitsBadInputTest.headerBytes(good) + 100)).field());
    assertEquals("SIMPLE", broken("hello".getBytes(StandardCharsets.US_ASCII)).field());
    InvalidInputException inHeader = broken(Arrays.copyOf(good, 1000));
    assertTrue(inHeader.getMessage().contains("truncated"), inHeader.getMessage());
  }
}
