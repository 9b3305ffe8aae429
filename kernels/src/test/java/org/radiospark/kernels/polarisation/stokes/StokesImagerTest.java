package org.radiospark.kernels.polarisation.stokes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.radiospark.kernels.coords.GeodeticPosition;
import org.radiospark.kernels.coords.SinProjection;
import org.radiospark.kernels.deconvolution.CleanParameters;
import org.radiospark.kernels.imaging.ImagingParams;
import org.radiospark.kernels.io.layout.LayoutReader;
import org.radiospark.kernels.model.AntennaConfiguration;
import org.radiospark.kernels.model.Image;
import org.radiospark.kernels.model.ImageGeometry;
import org.radiospark.kernels.model.PhaseCentre;
import org.radiospark.kernels.model.Stokes;
import org.radiospark.kernels.model.VisibilityBlock;
import org.radiospark.kernels.simulation.FaradayThinSource;
import org.radiospark.kernels.simulation.ObservationTiming;
import org.radiospark.kernels.simulation.PolarisedSimulator;
import org.radiospark.kernels.simulation.SimulationParameters;
import org.radiospark.kernels.testing.SharedData;
import org.radiospark.kernels.weighting.Weighting;

/**
 * Planted polarised sources observed with linear and circular feeds (noiseless, 24 SKA1-MID
 * dishes): the restored I, Q, U, V at the source pixels give back the planted Stokes parameters.
 */
class StokesImagerTest {
  private static final int N = 64;
  private static final PhaseCentre CENTRE = PhaseCentre.ofDegrees(150, -30);
  private static final double FREQ = 1.4e9;

  @ParameterizedTest
  @CsvSource({"XX,JOINED_IQUV", "XX,COMPLEX_QU", "RR,JOINED_IQUV", "RR,COMPLEX_QU"})
  void restoredStokesMatchThePlantedSources(String feed, PolarisationCleanMode mode) {
    AntennaConfiguration mid =
        LayoutReader.read(SharedData.require("layouts/ska1mid.cfg")).nearestToCentroid(24);
    double lon = GeodeticPosition.fromItrf(mid.centroidMetres()).lonRad();
    double start =
        ObservationTiming.transitCentredStart(CENTRE.raRad(), lon, 61041 * 86400.0, 4, 900);
    Stokes[] pols = feed.equals("XX") ? SimulationParameters.LINEAR : SimulationParameters.CIRCULAR;
    SimulationParameters sp =
        SimulationParameters.builder(CENTRE, start)
            .times(4, 900)
            .channels(FREQ, 1e6, 1)
            .pols(pols)
            .build();
    // Cell from the longest baseline: about four pixels across the main lobe.
    VisibilityBlock probe = PolarisedSimulator.simulate(mid, List.of(), sp).visibilities();
    double maxUv = 0;
    for (int r = 0; r < probe.nRows(); r++) {
      maxUv = Math.max(maxUv, Math.hypot(probe.uMetres()[r], probe.vMetres()[r]));
    }
    double cell = 299_792_458.0 / FREQ / maxUv / 4;
    ImageGeometry geo = new ImageGeometry(N, N, cell, CENTRE, FREQ, 1e6, Stokes.I);
    int[][] pix = {{N / 2 + 10, N / 2 - 7}, {N / 2 - 13, N / 2 + 11}};
    double[][] truth = {{1.0, 0.3, 25, 0.05}, {0.5, 0.6, -40, 0}}; // I, p, chi deg, v
    List<FaradayThinSource> sky =
        IntStream.range(0, 2)
            .mapToObj(
                k -> {
                  double[] rd = SinProjection.pixelToSky(geo, pix[k][0], pix[k][1]);
                  return new FaradayThinSource(
                      rd[0],
                      rd[1],
                      truth[k][0],
                      FREQ,
                      0,
                      truth[k][1],
                      Math.toRadians(truth[k][2]),
                      0,
                      truth[k][3]);
                })
            .toList();
    VisibilityBlock data = PolarisedSimulator.simulate(mid, sky, sp).visibilities();

    ImagingParams ip =
        ImagingParams.defaults(N, N, cell).withWeighting(Weighting.briggs(0)).withThreads(1);
    CleanParameters cp =
        CleanParameters.defaults()
            .withMaxIterations(5000)
            .withMajorLoopGain(0.8)
            .withAbsoluteThreshold(1e-3);
    StokesImager.Products p = StokesImager.run(data, ip, cp, mode);
    for (int k = 0; k < 2; k++) {
      double[] want = sky.get(k).stokesAt(FREQ);
      int i = pix[k][1] * N + pix[k][0];
      for (int s = 0; s < 4; s++) {
        Image im = p.restored()[s];
        // Noiseless data: limited by the threshold (1 mJy) and the gridder's epsilon (1e-4).
        assertEquals(
            want[s], im.pixels()[i], 0.01 * want[0], "source " + k + " Stokes " + s + " " + mode);
      }
    }
  }
}
