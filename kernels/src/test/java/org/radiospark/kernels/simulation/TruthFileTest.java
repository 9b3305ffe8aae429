package org.radiospark.kernels.simulation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radiospark.kernels.model.InvalidInputException;
import org.radiospark.kernels.model.PhaseCentre;
import org.radiospark.kernels.model.SkyComponent;

class TruthFileTest {
  @TempDir Path tmp;

  @Test
  void roundTrip() throws IOException {
    SimulationParameters p =
        SimulationParameters.builder(PhaseCentre.ofDegrees(12.5, -45.25), 5.2e9)
            .times(2, 4)
            .channels(120e6, 2e6, 2)
            .pols(SimulationParameters.CIRCULAR)
            .noiseSigmaJy(0.25)
            .gainErrors(0.1, 0.02)
            .leakageRms(0.01)
            .seed(99)
            .build();
    List<SkyComponent> sky =
        List.of(
            SkyComponent.point(0.22, -0.79, 1.5, 150e6, -0.7),
            new SkyComponent(
                0.2, -0.8, new double[] {2, 0.1, -0.1, 0.01}, 1.4e8, -1.1, 1e-3, 4e-4, 0.7));
    SimulatedObservation obs = Simulator.simulate(SimulatorTest.array(4, 8), sky, p);
    Path f = tmp.resolve("truth.json");
    TruthFile.write(f, obs);
    TruthFile.Truth t = TruthFile.read(f);
    SimulationParameters q = t.parameters();
    assertEquals(p.phaseCentre(), q.phaseCentre());
    assertEquals(p.startUtcMjdSec(), q.startUtcMjdSec());
    assertEquals(p.nTimes(), q.nTimes());
    assertArrayEquals(p.freqHz(), q.freqHz());
    assertArrayEquals(p.chanWidthHz(), q.chanWidthHz());
    assertArrayEquals(p.pols(), q.pols());
    assertEquals(p.noiseSigmaJy(), q.noiseSigmaJy());
    assertEquals(p.leakageRms(), q.leakageRms());
    assertEquals(p.seed(), q.seed());
    assertEquals(List.of("T0", "T1", "T2", "T3"), t.antennaNames());
    assertEquals(2, t.components().size());
    for (int i = 0; i < 2; i++) {
      SkyComponent a = sky.get(i);
      SkyComponent b = t.components().get(i);
      // Degrees and arcseconds in the file: exact to a few ulps of the radian values.
      assertEquals(a.raRad(), b.raRad(), 1e-15);
      assertEquals(a.decRad(), b.decRad(), 1e-15);
      assertArrayEquals(a.fluxJy(), b.fluxJy());
      assertEquals(a.spectralIndex(), b.spectralIndex());
      assertEquals(a.majorRad(), b.majorRad(), 1e-18);
      assertEquals(a.paRad(), b.paRad(), 1e-15);
    }
    assertEquals(obs.trueGains().type(), t.gains().type());
    assertArrayEquals(obs.trueGains().jones(), t.gains().jones());
    assertArrayEquals(obs.trueGains().slotEndMjdSec(), t.gains().slotEndMjdSec());
    // Re-simulating from the file's parameters reproduces the data.
    SimulatedObservation again = Simulator.simulate(SimulatorTest.array(4, 8), t.components(), q);
    assertArrayEquals(obs.visibilities().vis(), again.visibilities().vis(), 1e-6f);
  }

  @Test
  void badInputNamesTheField() throws IOException {
    Path f = tmp.resolve("bad.json");
    Files.writeString(f, "{\"format\": \"other\"}");
    assertEquals(
        "format", assertThrows(InvalidInputException.class, () -> TruthFile.read(f)).field());
    Files.writeString(f, "{not json");
    assertThrows(InvalidInputException.class, () -> TruthFile.read(f));
    Files.writeString(
        f,
        "{\"format\": \"radiospark-truth/1\", \"parameters\": {\"phaseCentre\": {\"raRad\": 0, \"decRad\": 0},"
            + " \"startUtcMjdSec\": 1, \"nTimes\": 0, \"integrationSec\": 1, \"freqHz\": [1e8],"
            + " \"chanWidthHz\": [1e6], \"pols\": [\"XX\"], \"nThreads\": 1}}");
    assertEquals(
        "parameters", assertThrows(InvalidInputException.class, () -> TruthFile.read(f)).field());
  }
}
