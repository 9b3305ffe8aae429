package org.radiospark.kernels.coords;

import java.io.IOException;
import java.nio.file.Path;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.FitsException;
import nom.tam.fits.Header;
import nom.tam.fits.RandomGroupsHDU;

/**
 * A minimal reader of the groups, UU VV WW, DATE and BASELINE of a UVFITS file and its AIPS AN
 * table, for checking geometry against real data. Test-only: the project's UVFITS reader lives in
 * io and is tested there.
 */
final class MwaUvfitsFixture {
  final double[] uSec;
  final double[] vSec;
  final double[] wSec;
  final double[] jd;
  final int[] ant1;
  final int[] ant2;
  final double[][] stabxyz;
  final double[] arrayXyz;
  final double raDeg;
  final double decDeg;
  final double lonDeg;
  final double latDeg;

  MwaUvfitsFixture(Path file) throws IOException, FitsException {
    try (Fits fits = new Fits(file.toFile())) {
      BasicHDU<?>[] hdus = fits.read();
      RandomGroupsHDU groups = (RandomGroupsHDU) hdus[0];
      Header h = groups.getHeader();
      int pcount = h.getIntValue("PCOUNT");
      int iu = -1, iv = -1, iw = -1, idate = -1, ibl = -1;
      double dateZero = 0;
      for (int p = 1; p <= pcount; p++) {
        String t = h.getStringValue("PTYPE" + p).trim();
        switch (t) {
          case "UU" -> iu = p - 1;
          case "VV" -> iv = p - 1;
          case "WW" -> iw = p - 1;
          case "BASELINE" -> ibl = p - 1;
          case "DATE" -> {
            if (idate < 0) {
              idate = p - 1;
              dateZero = h.getDoubleValue("PZERO" + p);
            }
          }
          default -> {}
        }
      }
      Object[][] rows = (Object[][]) groups.getKernel();
      int n = rows.length;
      uSec = new double[n];
      vSec = new double[n];
      wSec = new double[n];
      jd = new double[n];
      ant1 = new int[n];
      ant2 = new int[n];
      for (int r = 0; r < n; r++) {
        float[] par = (float[]) rows[r][0];
        uSec[r] = par[iu];
        vSec[r] = par[iv];
        wSec[r] = par[iw];
        jd[r] = dateZero + par[idate];
        int bl = Math.round(par[ibl]);
        ant1[r] = bl / 256 - 1;
        ant2[r] = bl % 256 - 1;
      }
      raDeg = h.getDoubleValue("CRVAL6");
      decDeg = h.getDoubleValue("CRVAL7");
      lonDeg = h.getDoubleValue("LON");
      latDeg = h.getDoubleValue("LAT");
      BinaryTableHDU an = (BinaryTableHDU) hdus[1];
      Header ah = an.getHeader();
      arrayXyz =
          new double[] {
            ah.getDoubleValue("ARRAYX"), ah.getDoubleValue("ARRAYY"), ah.getDoubleValue("ARRAYZ")
          };
      int col = an.findColumn("STABXYZ");
      int nAnt = an.getNRows();
      stabxyz = new double[nAnt][];
      for (int a = 0; a < nAnt; a++) {
        stabxyz[a] = ((double[]) an.getElement(a, col)).clone();
      }
    }
  }
}
