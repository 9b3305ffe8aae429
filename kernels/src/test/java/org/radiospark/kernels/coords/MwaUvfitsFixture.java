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
public final class MwaUvfitsFixture {
  public final double[] uSec;
  public final double[] vSec;
  public final double[] wSec;
  public final double[] jd;
  public final int[] ant1;
  public final int[] ant2;

  /** First channel, first product (XX in the MWA files): {re, im} per row. */
  public final float[][] firstVis;

  public final double freqHz;
  public final double[][] stabxyz;
  public final double[] arrayXyz;
  public final double raDeg;
  public final double decDeg;
  public final double lonDeg;
  public final double latDeg;

  public MwaUvfitsFixture(Path file) throws IOException, FitsException {
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
      firstVis = new float[n][];
      for (int r = 0; r < n; r++) {
        float[] par = (float[]) rows[r][0];
        uSec[r] = par[iu];
        vSec[r] = par[iv];
        wSec[r] = par[iw];
        jd[r] = dateZero + par[idate];
        int bl = Math.round(par[ibl]);
        ant1[r] = bl / 256 - 1;
        ant2[r] = bl % 256 - 1;
        float[] flat = flatten(rows[r][1]);
        firstVis[r] = new float[] {flat[0], flat[1]};
      }
      freqHz = h.getDoubleValue("CRVAL4");
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

  /** The leading floats of a nested float array (the complex axis is the innermost). */
  private static float[] flatten(Object o) {
    while (o instanceof Object[] a) {
      o = a[0];
    }
    return (float[]) o;
  }
}
