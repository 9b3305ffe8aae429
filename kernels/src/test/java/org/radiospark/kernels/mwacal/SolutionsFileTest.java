package org.radiospark.kernels.mwacal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radiospark.kernels.calibration.JonesMode;
import org.radiospark.kernels.io.GainTableFits;
import org.radiospark.kernels.model.GainTable;
import org.radiospark.kernels.model.InvalidInputException;
import org.radiospark.kernels.model.VisibilityBlock;

class SolutionsFileTest {
  @TempDir Path dir;

  @Test
  void writtenSolutionsReadBackExactlyAndApplyToAnyTime() throws Exception {
    MwaSimulation sim = new MwaSimulation(2, 1, 0.0, 11);
    MwaCalParameters p =
        MwaCalParameters.defaults().withMode(JonesMode.DIAGONAL).withChansPerBlock(2);
    MwaCalibrator.Result r =
        MwaCalibrator.calibrate(sim.data, sim.antennas, sim.site, sim.sky, sim.beam, p);
    Path f = dir.resolve("sol.fits");
    SolutionsFile.write(f, r, sim.data, sim.antennas, Map.of("SKYMODEL", "test"), false);
    GainTableFits.Contents c = GainTableFits.readWithMetadata(f);
    GainTable t = r.solution().table();
    assertArrayEquals(t.jones(), c.table().jones(), 0);
    assertEquals(1, c.table().nChanBlocks(), "two channels averaged into one solution");
    assertEquals("DIAGONAL", c.metadata().keywords().get("CALTYPE"));
    assertEquals("test", SolutionsFile.keywords(f).get("SKYMODEL"));
    assertArrayEquals(new int[] {0, 0}, SolutionsFile.chanToBlock("f", c, sim.data.freqHz()));

    // Noise-free data whose gains differ per channel, solved over both channels: the corrected
    // data match the model only as well as one gain per two channels can; here we check that
    // applying the file equals applying the in-memory solution, at a shifted time too.
    VisibilityBlock corrected = SolutionsFile.apply(f, sim.data);
    VisibilityBlock shifted = shiftTime(sim.data, 86400);
    VisibilityBlock correctedLater = SolutionsFile.apply(f, shifted);
    assertArrayEquals(corrected.vis(), correctedLater.vis(), 0f);
    assertEquals(
        MwaCalibrator.residualRatio(corrected, r.model(), p), r.residualRatioAfter(), 1e-12);
    assertTrue(SolutionsFile.apply(f, sim.data).nRows() == sim.data.nRows());
  }

  @Test
  void solutionsForFewerAntennasAreRejected() throws Exception {
    MwaSimulation sim = new MwaSimulation(1, 1, 0.0, 12);
    MwaCalibrator.Result r =
        MwaCalibrator.calibrate(
            sim.data, sim.antennas, sim.site, sim.sky, sim.beam, MwaCalParameters.defaults());
    GainTable t = r.solution().table();
    GainTable small =
        new GainTable(
            t.type(),
            2,
            t.slotStartMjdSec(),
            t.slotEndMjdSec(),
            t.blockFreqHz(),
            java.util.Arrays.copyOf(t.jones(), 16 * t.nChanBlocks()),
            new boolean[2 * t.nChanBlocks()],
            -1);
    Path f = dir.resolve("small.fits");
    GainTableFits.write(small, GainTableFits.Metadata.none(), f);
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> SolutionsFile.apply(f, sim.data));
    assertTrue(e.getMessage().contains("NANT"), e.getMessage());
  }

  private static VisibilityBlock shiftTime(VisibilityBlock b, double sec) {
    double[] t = b.timeMjdSec().clone();
    for (int i = 0; i < t.length; i++) {
      t[i] += sec;
    }
    return new VisibilityBlock(
        b.uMetres(),
        b.vMetres(),
        b.wMetres(),
        b.antenna1(),
        b.antenna2(),
        t,
        b.integrationSec(),
        b.freqHz(),
        b.chanWidthHz(),
        b.pols(),
        b.vis(),
        b.weight(),
        b.flag(),
        b.phaseCentre());
  }
}
