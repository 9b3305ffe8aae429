package org.radiospark.kernels.beamform;

import java.io.Serializable;
import org.radiospark.kernels.coords.GeodeticPosition;
import org.radiospark.kernels.io.layout.LayoutReader;
import org.radiospark.kernels.io.mwa.Metafits;
import org.radiospark.kernels.io.mwa.MwaRfInput;
import org.radiospark.kernels.io.vcs.VcsInputMap;

/**
 * The array as a tied-array beamformer sees it: tile positions, cable lengths, flags and where each
 * tile's voltages sit in a legacy VCS sample. Tiles are indexed by the metafits {@code Antenna}
 * column, polarisations 0 = X, 1 = Y.
 *
 * @param eastM East offset from the array centre, metres, per tile
 * @param northM North offset, metres
 * @param upM height offset from the centre's height, metres
 * @param cableM electrical cable length, metres, {@code [tile][pol]}
 * @param flagged tiles left out of every beam
 * @param vcsIndex byte position in a VCS sample, {@code [tile][pol]}
 * @param siteLonRad east longitude of the array centre, radians
 * @param siteLatRad geodetic latitude of the array centre, radians
 * @param siteHeightM ellipsoidal height of the array centre, metres
 */
public record TiedArray(
    double[] eastM,
    double[] northM,
    double[] upM,
    double[][] cableM,
    boolean[] flagged,
    int[][] vcsIndex,
    double siteLonRad,
    double siteLatRad,
    double siteHeightM)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Checks the lengths agree. */
  public TiedArray {
    int n = eastM.length;
    if (northM.length != n
        || upM.length != n
        || cableM.length != n
        || flagged.length != n
        || vcsIndex.length != n) {
      throw new IllegalArgumentException("every per-tile array needs " + n + " entries");
    }
  }

  /**
   * The array of a metafits: {@code TILEDATA} East/North/Height (Height relative to the array
   * centre's {@link LayoutReader#MWA_CENTRE} height), electrical lengths ({@code EL_} values), the
   * {@code Flag} column (a tile is flagged when either input is) and the legacy VCS input order.
   */
  public static TiedArray fromMetafits(Metafits m) {
    VcsInputMap map = VcsInputMap.of(m);
    int n = m.nAntennas();
    double[] e = new double[n];
    double[] no = new double[n];
    double[] u = new double[n];
    double[][] cable = new double[n][2];
    boolean[] flag = new boolean[n];
    int[][] idx = new int[n][2];
    double h0 = LayoutReader.MWA_CENTRE.heightMetres();
    for (MwaRfInput in : m.inputs()) {
      int a = in.antenna();
      e[a] = in.eastM();
      no[a] = in.northM();
      u[a] = in.heightM() - h0;
      cable[a][in.polIndex()] = in.electricalLengthM();
      flag[a] |= in.flagged();
      idx[a][in.polIndex()] = map.position(a, in.polIndex());
    }
    GeodeticPosition c = LayoutReader.MWA_CENTRE;
    return new TiedArray(e, no, u, cable, flag, idx, c.lonRad(), c.latRad(), c.heightMetres());
  }

  /** The array centre (the site of the ENU frame). */
  public GeodeticPosition site() {
    return new GeodeticPosition(siteLonRad, siteLatRad, siteHeightM);
  }

  /** Number of tiles. */
  public int nTiles() {
    return eastM.length;
  }

  /** Indices of the tiles not flagged, ascending. */
  public int[] activeTiles() {
    return java.util.stream.IntStream.range(0, nTiles()).filter(a -> !flagged[a]).toArray();
  }

  /** Geometric path {@code r_a . s}, metres, of tile {@code a} toward ENU unit vector {@code s}. */
  public double geometricPathM(int a, double[] s) {
    return eastM[a] * s[0] + northM[a] * s[1] + upM[a] * s[2];
  }
}
