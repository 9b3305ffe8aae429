package org.radiospark.jobs.notebook;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.FitsException;
import nom.tam.fits.Header;
import nom.tam.fits.ImageHDU;
import org.radiospark.kernels.coords.GeodeticPosition;
import org.radiospark.kernels.coords.SinProjection;
import org.radiospark.kernels.io.UvfitsData;
import org.radiospark.kernels.io.UvfitsReader;
import org.radiospark.kernels.io.UvfitsWriter;
import org.radiospark.kernels.model.AntennaConfiguration;
import org.radiospark.kernels.model.ImageGeometry;
import org.radiospark.kernels.model.InvalidInputException;
import org.radiospark.kernels.model.PhaseCentre;
import org.radiospark.kernels.model.Stokes;
import org.radiospark.kernels.postimage.ScatterPlot;
import org.radiospark.kernels.simulation.FaradayThinSource;
import org.radiospark.kernels.simulation.ObservationTiming;
import org.radiospark.kernels.simulation.PolarisedSimulator;
import org.radiospark.kernels.simulation.SimulationParameters;

/**
 * Spectral imaging in a notebook: a small full-polarisation observation of Faraday-thin sources
 * made from the antennas of a sample file (so a note needs nothing but {@code data-samples/}), and
 * the Faraday dispersion function of one pixel read from {@code spectral}'s {@code
 * -fdf-amplitude.fits} cube.
 */
public final class SpectralNotebook {
  private SpectralNotebook() {}

  /** Lowest channel centre of the sample, Hz (SKA1-MID band 1). */
  public static final double FIRST_FREQ_HZ = 352.5e6;

  /** Channel width and spacing of the sample, Hz. */
  public static final double CHANNEL_WIDTH_HZ = 5e6;

  /**
   * The planted sources: {dx, dy (pixels from the image centre), Stokes I Jy, fractional linear
   * polarisation, intrinsic angle chi0 degrees, rotation measure rad/m^2}.
   */
  private static final double[][] SOURCES = {
    {-18, 10, 1.0, 0.10, 10, -45},
    {15, 16, 0.6, 0.25, -35, -12},
    {-8, -20, 0.4, 0.40, 60, 20}
  };

  /**
   * A written sample and what it holds.
   *
   * @param file the UVFITS file
   * @param sizePx image width and height the sources were placed for
   * @param cellRad pixel size, radians (about four pixels across the main lobe at the top of the
   *     band)
   * @param sources one row per source: {x, y (pixel), I Jy, p, chi0 deg, RM rad/m^2}
   */
  public record PolarisedSample(Path file, int sizePx, double cellRad, double[][] sources) {}

  /**
   * Simulates Faraday-thin sources observed by the {@code nAntennas} antennas nearest the centroid
   * of {@code antennasFrom}'s array (its AIPS AN table), linear feeds (XX, XY, YX, YY), {@code
   * nChan} channels of 5 MHz from 352.5 MHz, 6 integrations of 900 s around transit of RA 150, Dec
   * -30, 0.1 Jy noise per real and imaginary part (seed 5), and writes it to {@code out}. Sources
   * are planted on pixel centres of a {@code sizePx} image (at least 64).
   */
  public static PolarisedSample polarisedSample(
      Path antennasFrom, int nAntennas, int nChan, int sizePx, Path out) throws IOException {
    if (nAntennas < 3 || nChan < 2 || sizePx < 64) {
      throw new IllegalArgumentException("nAntennas >= 3, nChan >= 2, sizePx >= 64 expected");
    }
    AntennaConfiguration all = UvfitsReader.read(antennasFrom).antennas();
    AntennaConfiguration core = all.nearestToCentroid(nAntennas);
    PhaseCentre centre = PhaseCentre.ofDegrees(150, -30);
    double lon = GeodeticPosition.fromItrf(core.centroidMetres()).lonRad();
    double start =
        ObservationTiming.transitCentredStart(centre.raRad(), lon, 61041 * 86400.0, 6, 900);
    SimulationParameters sp =
        SimulationParameters.builder(centre, start)
            .times(6, 900)
            .channels(FIRST_FREQ_HZ, CHANNEL_WIDTH_HZ, nChan)
            .pols(SimulationParameters.LINEAR)
            .noiseSigmaJy(0.1)
            .seed(5)
            .build();
    var probe =
        PolarisedSimulator.simulate(core, List.of(), sp.toBuilder().noiseSigmaJy(0).build());
    double maxUv = 0;
    for (int r = 0; r < probe.visibilities().nRows(); r++) {
      maxUv =
          Math.max(
              maxUv,
              Math.hypot(probe.visibilities().uMetres()[r], probe.visibilities().vMetres()[r]));
    }
    double topFreq = FIRST_FREQ_HZ + (nChan - 1) * CHANNEL_WIDTH_HZ;
    double cellRad = 299_792_458.0 / topFreq / maxUv / 4;
    ImageGeometry geo =
        new ImageGeometry(
            sizePx, sizePx, cellRad, centre, FIRST_FREQ_HZ, CHANNEL_WIDTH_HZ, Stokes.I);
    List<FaradayThinSource> sky = new ArrayList<>();
    double[][] planted = new double[SOURCES.length][];
    for (int i = 0; i < SOURCES.length; i++) {
      double[] s = SOURCES[i];
      double x = sizePx / 2 + s[0];
      double y = sizePx / 2 + s[1];
      double[] rd = SinProjection.pixelToSky(geo, x, y);
      sky.add(
          new FaradayThinSource(
              rd[0], rd[1], s[2], FIRST_FREQ_HZ, 0, s[3], Math.toRadians(s[4]), s[5], 0));
      planted[i] = new double[] {x, y, s[2], s[3], s[4], s[5]};
    }
    var obs = PolarisedSimulator.simulate(core, sky, sp);
    Files.createDirectories(out.toAbsolutePath().getParent());
    UvfitsWriter.write(out, UvfitsData.of(obs.visibilities(), core, "SPECTRAL", "sim"), true);
    return new PolarisedSample(out, sizePx, cellRad, planted);
  }

  /**
   * The Faraday dispersion function |F(phi)| of pixel (x, y) of a {@code -fdf-amplitude.fits} cube
   * (axes RA, Dec, FDEP; FITS pixel {@code (x + 1, y + 1)}).
   *
   * @return {phi (rad/m^2), |F| (Jy/beam/RMSF)} arrays, one entry per Faraday-depth plane
   * @throws InvalidInputException if the file is not such a cube or the pixel is outside it
   */
  public static double[][] fdf(Path cube, int x, int y) throws IOException {
    String name = cube.toString();
    try (Fits fits = new Fits(cube.toFile())) {
      BasicHDU<?> hdu = fits.getHDU(0);
      if (!(hdu instanceof ImageHDU image)) {
        throw new InvalidInputException(name, "SIMPLE", "a primary image");
      }
      Header h = image.getHeader();
      if (h.getIntValue("NAXIS") != 3 || !"FDEP".equals(h.getStringValue("CTYPE3").strip())) {
        throw new InvalidInputException(name, "CTYPE3", "a 3-axis cube with a FDEP third axis");
      }
      int nx = h.getIntValue("NAXIS1");
      int ny = h.getIntValue("NAXIS2");
      int nPhi = h.getIntValue("NAXIS3");
      if (x < 0 || x >= nx || y < 0 || y >= ny) {
        throw new InvalidInputException(name, "NAXIS1/NAXIS2", "pixel inside the image");
      }
      float[][][] data = (float[][][]) image.getKernel();
      double crval = h.getDoubleValue("CRVAL3");
      double cdelt = h.getDoubleValue("CDELT3");
      double crpix = h.getDoubleValue("CRPIX3", 1);
      double[] phi = new double[nPhi];
      double[] amp = new double[nPhi];
      for (int k = 0; k < nPhi; k++) {
        phi[k] = crval + (k + 1 - crpix) * cdelt;
        amp[k] = data[k][y][x];
      }
      return new double[][] {phi, amp};
    } catch (FitsException | ClassCastException e) {
      throw new InvalidInputException(name, "BITPIX", "a float (-32) cube: " + e.getMessage());
    }
  }

  /** {@code %html} plot of {@link #fdf} of pixel (x, y). */
  public static String fdfPlot(Path cube, int x, int y) throws IOException {
    double[][] f = fdf(cube, x, y);
    return Html.scatter(
        new ScatterPlot.Spec(
            "|F(phi)| of pixel (" + x + ", " + y + ")",
            "Faraday depth phi (rad/m^2)",
            "|F| (Jy/beam/RMSF)",
            f[0],
            f[1],
            null,
            null));
  }
}
