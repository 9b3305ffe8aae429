package org.radiospark.kernels.bench;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.radiospark.kernels.coords.GeodeticPosition;
import org.radiospark.kernels.imaging.Imager;
import org.radiospark.kernels.imaging.ImagingParams;
import org.radiospark.kernels.io.layout.LayoutReader;
import org.radiospark.kernels.model.AntennaConfiguration;
import org.radiospark.kernels.model.PhaseCentre;
import org.radiospark.kernels.model.SkyComponent;
import org.radiospark.kernels.simulation.ObservationTiming;
import org.radiospark.kernels.simulation.SimulatedObservation;
import org.radiospark.kernels.simulation.SimulationParameters;
import org.radiospark.kernels.simulation.Simulator;

/**
 * A realistic deconvolution problem for the CLEAN benchmarks: the full SKA1-MID layout (shared data
 * {@code layouts/ska1mid.cfg}, 197 dishes), 4 x 5 min at 1.4 GHz around transit, uniform weighting,
 * a {@code n x n} image with about 4 pixels across the main lobe; the sky is 40 point sources and 6
 * Gaussians (4 to 40 pixels FWHM) of 0.05 to 2 Jy plus 0.1 mJy thermal noise per visibility. The
 * dirty image and PSF come from the project's own simulator and imager, {@code a[y * n + x]}. The
 * scene is cached under {@code java.io.tmpdir} because simulating it takes longer than cleaning.
 *
 * @param n image side in pixels
 * @param psf PSF, peak 1 at {@code (n/2, n/2)}
 * @param dirty dirty image, Jy/beam
 */
public record DeconvolutionScene(int n, double[] psf, double[] dirty) {

  /** Loads the cached scene of side {@code n}, or simulates it from {@code ska1mid.cfg}. */
  public static DeconvolutionScene load(Path layout, int n) throws IOException {
    Path cache = Path.of(System.getProperty("java.io.tmpdir"), "radiospark-ska1mid-scene-" + n);
    if (Files.exists(cache)) {
      try (DataInputStream in = new DataInputStream(Files.newInputStream(cache))) {
        return new DeconvolutionScene(n, readArray(in, n * n), readArray(in, n * n));
      }
    }
    DeconvolutionScene scene = simulate(layout, n);
    try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(cache))) {
      writeArray(out, scene.psf);
      writeArray(out, scene.dirty);
    }
    return scene;
  }

  private static DeconvolutionScene simulate(Path layout, int n) {
    AntennaConfiguration mid = LayoutReader.read(layout);
    PhaseCentre centre = PhaseCentre.ofDegrees(150, -30);
    double freq = 1.4e9;
    double lon = GeodeticPosition.fromItrf(mid.centroidMetres()).lonRad();
    double start = ObservationTiming.transitCentredStart(centre.raRad(), lon, 61041 * 86400.0, 4, 300);
    SimulationParameters sp =
        SimulationParameters.builder(centre, start)
            .times(4, 300)
            .channels(freq, 1e6, 1)
            .noiseSigmaJy(0)
            .seed(3)
            .build();
    // The cell follows the longest projected baseline: ~4 pixels across the main lobe.
    SimulatedObservation empty = Simulator.simulate(mid, List.of(), sp);
    double maxUvWavelengths = 0;
    var vis = empty.visibilities();
    for (int r = 0; r < vis.nRows(); r++) {
      maxUvWavelengths = Math.max(maxUvWavelengths, Math.hypot(vis.uMetres()[r], vis.vMetres()[r]) * freq / 299792458.0);
    }
    double cell = 1.0 / maxUvWavelengths / 4.0;
    Random rnd = new Random(11);
    List<SkyComponent> sky = new ArrayList<>();
    double dec = centre.decRad();
    for (int k = 0; k < 46; k++) {
      double lx = (rnd.nextDouble() - 0.5) * 0.8 * n * cell;
      double my = (rnd.nextDouble() - 0.5) * 0.8 * n * cell;
      double flux = 0.05 * Math.pow(40, rnd.nextDouble());
      double ra = centre.raRad() - lx / Math.cos(dec);
      if (k < 40) {
        sky.add(SkyComponent.point(ra, dec + my, flux, freq, 0));
      } else {
        double fwhm = (4 + 6 * (k - 40)) * cell;
        sky.add(new SkyComponent(ra, dec + my, new double[] {flux, 0, 0, 0}, freq, 0, fwhm, 0.7 * fwhm, 0.3 * k));
      }
    }
    SimulatedObservation obs =
        Simulator.simulate(mid, sky, sp.toBuilder().noiseSigmaJy(1e-4).build());
    Imager.Inversion inv = Imager.invertWithPsf(obs.visibilities(), ImagingParams.defaults(n, n, cell));
    return new DeconvolutionScene(n, inv.psf().pixels(), inv.dirty().pixels());
  }

  private static double[] readArray(DataInputStream in, int len) throws IOException {
    double[] a = new double[len];
    for (int i = 0; i < len; i++) {
      a[i] = in.readDouble();
    }
    return a;
  }

  private static void writeArray(DataOutputStream out, double[] a) throws IOException {
    for (double v : a) {
      out.writeDouble(v);
    }
  }
}
