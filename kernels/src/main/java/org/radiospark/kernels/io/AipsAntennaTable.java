package org.radiospark.kernels.io;

import java.util.Objects;
import org.radiospark.kernels.model.AntennaConfiguration;

/**
 * The raw content of a UVFITS {@code AIPS AN} table, kept so that the values of the file remain
 * available exactly as stored.
 *
 * <p>Antenna positions are {@code ARRAYX/Y/Z + STABXYZ} (metres, the frame named by {@code FRAME},
 * normally ITRF). Caution: in both shared MWA UVFITS files (REFERENCE.md) the {@code STABXYZ}
 * offsets are in a frame rotated about the z axis by the array longitude; uvw predicted from {@link
 * #toConfiguration(String)} positions only agree with the file after undoing that rotation, which
 * {@link #withOffsetsRotatedAboutZ(double)} does. The reader does not guess: it returns the file's
 * values.
 *
 * @param names {@code ANNAME}, trailing blanks removed, in table order
 * @param stationNumbers {@code NOSTA}: the AIPS antenna numbers (1-based) used by the {@code
 *     BASELINE} random parameter; row number + 1 when the column is absent
 * @param stabX {@code STABXYZ[0]} of each row, metres
 * @param stabY {@code STABXYZ[1]} of each row, metres
 * @param stabZ {@code STABXYZ[2]} of each row, metres
 * @param diameterMetres {@code DIAMETER} if present, else 0 (unknown)
 * @param arrayX {@code ARRAYX} header keyword, metres
 * @param arrayY {@code ARRAYY}, metres
 * @param arrayZ {@code ARRAYZ}, metres
 * @param frame {@code FRAME} keyword, "ITRF" when absent
 * @param arrayName {@code ARRNAM} keyword, "" when absent
 */
public record AipsAntennaTable(
    String[] names,
    int[] stationNumbers,
    double[] stabX,
    double[] stabY,
    double[] stabZ,
    double[] diameterMetres,
    double arrayX,
    double arrayY,
    double arrayZ,
    String frame,
    String arrayName) {

  /** Checks that every column has one value per antenna. */
  public AipsAntennaTable {
    int n = Objects.requireNonNull(names, "names").length;
    requireLength(Objects.requireNonNull(stationNumbers, "stationNumbers").length, n, "NOSTA");
    requireLength(Objects.requireNonNull(stabX, "stabX").length, n, "stabX");
    requireLength(Objects.requireNonNull(stabY, "stabY").length, n, "stabY");
    requireLength(Objects.requireNonNull(stabZ, "stabZ").length, n, "stabZ");
    requireLength(Objects.requireNonNull(diameterMetres, "diameterMetres").length, n, "DIAMETER");
    Objects.requireNonNull(frame, "frame");
    Objects.requireNonNull(arrayName, "arrayName");
  }

  private static void requireLength(int length, int n, String name) {
    if (length != n) {
      throw new IllegalArgumentException(
          name + " has " + length + " values for " + n + " antennas");
    }
  }

  /** Number of rows (antennas). */
  public int size() {
    return names.length;
  }

  /**
   * Builds a table for antennas at ITRF positions, with the array reference at their centroid and
   * station numbers 1..n. Positions read back as {@code centroid + (pos - centroid)}, equal to
   * {@code pos} to within a rounding (about 1e-9 m).
   */
  public static AipsAntennaTable fromConfiguration(AntennaConfiguration antennas) {
    int n = antennas.nAntennas();
    double[] c = n == 0 ? new double[3] : antennas.centroidMetres();
    double[] x = new double[n];
    double[] y = new double[n];
    double[] z = new double[n];
    int[] nosta = new int[n];
    for (int i = 0; i < n; i++) {
      x[i] = antennas.xMetres()[i] - c[0];
      y[i] = antennas.yMetres()[i] - c[1];
      z[i] = antennas.zMetres()[i] - c[2];
      nosta[i] = i + 1;
    }
    return new AipsAntennaTable(
        antennas.names().clone(),
        nosta,
        x,
        y,
        z,
        antennas.diameterMetres().clone(),
        c[0],
        c[1],
        c[2],
        "ITRF",
        antennas.telescope());
  }

  /**
   * Antenna positions {@code ARRAYXYZ + STABXYZ}, indexed in table order, none flagged.
   *
   * @param telescope the telescope name for the configuration
   */
  public AntennaConfiguration toConfiguration(String telescope) {
    int n = size();
    double[] x = new double[n];
    double[] y = new double[n];
    double[] z = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = arrayX + stabX[i];
      y[i] = arrayY + stabY[i];
      z[i] = arrayZ + stabZ[i];
    }
    return new AntennaConfiguration(
        telescope, names.clone(), x, y, z, diameterMetres.clone(), new boolean[n]);
  }

  /**
   * The same table with every {@code STABXYZ} offset rotated about the z (polar) axis by {@code
   * angleRad} (counter-clockwise seen from the north pole: {@code x' = x cos a - y sin a}, {@code
   * y' = x sin a + y cos a}). For the shared MWA files, rotating by the array longitude (east
   * positive) brings the offsets into the ITRF frame of {@code ARRAYXYZ}; see REFERENCE.md.
   */
  public AipsAntennaTable withOffsetsRotatedAboutZ(double angleRad) {
    double c = Math.cos(angleRad);
    double s = Math.sin(angleRad);
    int n = size();
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = c * stabX[i] - s * stabY[i];
      y[i] = s * stabX[i] + c * stabY[i];
    }
    return new AipsAntennaTable(
        names,
        stationNumbers,
        x,
        y,
        stabZ,
        diameterMetres,
        arrayX,
        arrayY,
        arrayZ,
        frame,
        arrayName);
  }

  /** Row index of AIPS antenna number {@code station}, or -1. Linear in the table size. */
  public int indexOfStation(int station) {
    for (int i = 0; i < stationNumbers.length; i++) {
      if (stationNumbers[i] == station) {
        return i;
      }
    }
    return -1;
  }
}
