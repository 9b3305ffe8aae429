package org.radiospark.kernels.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.File;
import java.nio.file.Path;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.ImageHDU;
import nom.tam.fits.RandomGroupsHDU;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radiospark.kernels.model.Image;
import org.radiospark.kernels.model.VisibilityBlock;
import org.radiospark.kernels.testing.SharedData;

/**
 * Cross-checks against an independent parser: nom-tam-fits' own random-groups and image readers
 * (which know nothing of our axis bookkeeping) must see the same numbers, in the same places.
 */
class UvfitsIndependentCheckTest {
  @TempDir Path dir;

  /** Group g of a nom-tam random-groups HDU: {params, data[dec][ra][if][freq][stokes][complex]}. */
  private static Object[] group(RandomGroupsHDU hdu, int g) {
    return ((Object[][]) hdu.getData().getData())[g];
  }

  @Test
  void ourReaderAgreesWithNomTamOnTheRealElevenChannelFile() throws Exception {
    Path f = SharedData.require("mwa/1133866760.uvfits");
    VisibilityBlock b = UvfitsReader.read(f).block();
    try (Fits fits = new Fits(f.toFile())) {
      BasicHDU<?>[] hdus = fits.read();
      RandomGroupsHDU rg = assertInstanceOf(RandomGroupsHDU.class, hdus[0]);
      for (int g = 0; g < b.nRows(); g += 331) {
        Object[] grp = group(rg, g);
        float[] par = (float[]) grp[0];
        float[][][][][][] data = (float[][][][][][]) grp[1];
        // negated on reading: files hold pos1 - pos2, blocks pos2 - pos1
        assertEquals(-par[0] * VisibilityBlock.C, b.uMetres()[g], 0.0);
        assertEquals(-par[2] * VisibilityBlock.C, b.wMetres()[g], 0.0);
        for (int c = 0; c < b.nChan(); c++) {
          for (int p = 0; p < b.nPol(); p++) {
            float[] cx = data[0][0][0][c][p];
            int i = b.index(g, c, p);
            assertEquals(cx[0], b.vis()[2 * i]);
            assertEquals(cx[1], b.vis()[2 * i + 1]);
            assertEquals(Math.abs(cx[2]), b.weight()[i]);
          }
        }
      }
    }
  }

  @Test
  void nomTamReadsOurUvfitsAndImages() throws Exception {
    UvfitsData d = UvfitsRoundTripTest.synthetic(6, 21);
    Path f = dir.resolve("x.uvfits");
    UvfitsWriter.write(f, d, false);
    VisibilityBlock b = d.block();
    try (Fits fits = new Fits(f.toFile())) {
      BasicHDU<?>[] hdus = fits.read();
      assertEquals(3, hdus.length);
      RandomGroupsHDU rg = assertInstanceOf(RandomGroupsHDU.class, hdus[0]);
      assertEquals(b.nRows(), ((Object[][]) rg.getData().getData()).length);
      Object[] grp = group(rg, 7);
      float[][][][][][] data = (float[][][][][][]) grp[1];
      int i = b.index(7, 2, 3);
      assertEquals(b.vis()[2 * i + 1], data[0][0][0][2][3][1]);
      assertEquals("AIPS AN", hdus[1].getHeader().getStringValue("EXTNAME"));
      assertEquals(6, ((BinaryTableHDU) hdus[1]).getData().getNRows());
      assertEquals("AIPS FQ", hdus[2].getHeader().getStringValue("EXTNAME"));
    }

    Image img = FitsImageTest.planted(12, 9, 1.5e8, org.radiospark.kernels.model.Stokes.I, 8);
    File imf = dir.resolve("x.fits").toFile();
    FitsImageWriter.write(imf.toPath(), img, FitsImageOptions.defaults());
    try (Fits fits = new Fits(imf)) {
      ImageHDU hdu = assertInstanceOf(ImageHDU.class, fits.readHDU());
      float[][][][] k = (float[][][][]) hdu.getKernel();
      for (int y = 0; y < 9; y++) {
        for (int x = 0; x < 12; x++) {
          assertEquals((float) img.get(x, y), k[0][0][y][x], "x fastest, y slowest");
        }
      }
    }
  }
}
