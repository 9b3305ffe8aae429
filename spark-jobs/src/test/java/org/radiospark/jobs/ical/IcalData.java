package org.radiospark.jobs.ical;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.radiospark.kernels.coords.GeodeticPosition;
import org.radiospark.kernels.io.UvfitsData;
import org.radiospark.kernels.io.UvfitsReader;
import org.radiospark.kernels.io.UvfitsWriter;
import org.radiospark.kernels.model.AntennaConfiguration;
import org.radiospark.kernels.model.PhaseCentre;
import org.radiospark.kernels.model.SkyComponent;
import org.radiospark.kernels.model.Stokes;
import org.radiospark.kernels.simulation.ObservationTiming;
import org.radiospark.kernels.simulation.SimulatedObservation;
import org.radiospark.kernels.simulation.SimulationParameters;
import org.radiospark.kernels.simulation.Simulator;
import org.radiospark.kernels.simulation.TruthFile;
import org.radiospark.kernels.testing.DataSamples;

/**
 * Test data for ICAL: the committed sample ({@code data-samples/ska1mid-ical.uvfits}, 48 MeerKAT
 * dishes of the SKA1-MID layout) and smaller variants simulated from its antennas and sky, with the
 * same kind of gain errors.
 */
final class IcalData {
  static final PhaseCentre CENTRE = PhaseCentre.ofDegrees(150, -30);

  private IcalData() {}

  static Path sample() {
    return DataSamples.path("ska1mid-ical.uvfits");
  }

  static TruthFile.Truth sampleTruth() throws Exception {
    return TruthFile.read(DataSamples.path("ska1mid-ical.truth.json"));
  }

  /**
   * The sample's first {@code nAnt} dishes and its sky, {@code times} integrations of 60 s and
   * {@code channels} of 10 MHz from 1.4 GHz, XX YY, 0.05 Jy noise, 0.5 rad / 7% gain errors.
   */
  static Path simulate(Path dir, int nAnt, int times, int channels, long seed) throws Exception {
    Path out = dir.resolve("sim-" + nAnt + "-" + times + "-" + channels + "-" + seed + ".uvfits");
    if (Files.exists(out)) {
      return out;
    }
    int[] keep = new int[nAnt];
    for (int i = 0; i < nAnt; i++) {
      keep[i] = i;
    }
    AntennaConfiguration array = UvfitsReader.read(sample()).antennas().select(keep);
    List<SkyComponent> sky = sampleTruth().components();
    double lon = GeodeticPosition.fromItrf(array.centroidMetres()).lonRad();
    double start =
        ObservationTiming.transitCentredStart(CENTRE.raRad(), lon, 61041 * 86400.0, times, 60);
    SimulatedObservation obs =
        Simulator.simulate(
            array,
            sky,
            SimulationParameters.builder(CENTRE, start)
                .times(times, 60)
                .channels(1.4e9, 10e6, channels)
                .pols(Stokes.XX, Stokes.YY)
                .noiseSigmaJy(0.05)
                .gainErrors(0.5, 0.07)
                .seed(seed)
                .nThreads(2)
                .build());
    UvfitsWriter.write(
        out, UvfitsData.of(obs.visibilities(), array, "ICAL-TEST", "SKA1-MID"), true);
    return out;
  }

  /**
   * ICAL options for tests: 2x2 facets, diagonal gains, Hogbom with auto-mask 3 sigma and
   * auto-threshold 1 sigma.
   */
  static IcalOptions options(
      Path input,
      Path prefix,
      int size,
      double cellArcsec,
      int nmajor,
      int nselfcal,
      String strategy,
      int partitions,
      int freqBlocks) {
    return new IcalOptions(
        input.toString(),
        prefix.toString(),
        size,
        size,
        Math.toRadians(cellArcsec / 3600),
        nmajor,
        nselfcal,
        2,
        2,
        partitions,
        freqBlocks,
        60,
        "diagonal",
        strategy,
        100000,
        0.1,
        0.8,
        1,
        3,
        0,
        false,
        1e-5,
        true,
        1,
        0,
        null,
        2.5,
        false,
        true);
  }

  /** {@code o} with {@code csv} as its sky model. */
  static IcalOptions withSkymodel(IcalOptions o, Path csv) {
    return with(o, "skymodel", csv.toString());
  }

  /** {@code o} with the record component {@code name} set to {@code value}. */
  static IcalOptions with(IcalOptions o, String name, Object value) {
    try {
      java.lang.reflect.RecordComponent[] rc = IcalOptions.class.getRecordComponents();
      Object[] args = new Object[rc.length];
      Class<?>[] types = new Class<?>[rc.length];
      boolean found = false;
      for (int i = 0; i < rc.length; i++) {
        types[i] = rc[i].getType();
        found |= rc[i].getName().equals(name);
        args[i] = rc[i].getName().equals(name) ? value : rc[i].getAccessor().invoke(o);
      }
      if (!found) {
        throw new IllegalArgumentException("IcalOptions has no " + name);
      }
      return IcalOptions.class.getDeclaredConstructor(types).newInstance(args);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The {@code n} brightest components of the sample's sky written as a component CSV. */
  static Path brightest(Path dir, int n) throws Exception {
    List<SkyComponent> sky = new java.util.ArrayList<>(sampleTruth().components());
    sky.sort((a, b) -> Double.compare(b.fluxJy()[0], a.fluxJy()[0]));
    Path csv = dir.resolve("brightest-" + n + ".csv");
    try (java.io.Writer w = Files.newBufferedWriter(csv)) {
      org.radiospark.kernels.skymodel.ComponentCsv.write(sky.subList(0, n), w);
    }
    return csv;
  }
}
