package org.radiospark.kernels.pulsar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DmPlanTest {
  @Test
  void ddplanStagesAreContiguousAndRespectTheSmearingBudget() {
    // MWA-like: 30.72 MHz at 140-170 MHz, 3072 x 10 kHz channels, 100 us
    Band band = new Band(140.005, 170.715, 3072, 0.01, 100e-6);
    DmPlan plan = DmPlan.ddplan(band, 0, 250, 48, 64);
    assertTrue(plan.stages().size() >= 2, plan.stages().toString());
    double lo = 0;
    int ds = 0;
    for (int i = 0; i < plan.stages().size(); i++) {
      DmPlan.Stage s = plan.stages().get(i);
      assertEquals(lo, s.loDm(), 1e-9);
      assertTrue(s.downsamp() > ds);
      ds = s.downsamp();
      assertTrue(Arrays.stream(DmPlan.ALLOWED_STEPS).anyMatch(a -> a == s.dmStep()));
      // the chosen step smears no more than a sample, unless it is already the smallest allowed
      assertTrue(
          s.stepSmearingSec() <= s.dtSec() * (1 + 1e-12) || s.dmStep() == DmPlan.ALLOWED_STEPS[0]);
      assertTrue(s.subbandSmearingSec() <= s.dtSec() * (1 + 1e-12));
      if (i < plan.stages().size() - 1) {
        double chanAtEnd = band.channelSmearingPerDmSec() * (s.hiDm() - s.dmStep());
        double rest =
            Math.sqrt(
                s.dtSec() * s.dtSec()
                    + s.stepSmearingSec() * s.stepSmearingSec()
                    + s.subbandSmearingSec() * s.subbandSmearingSec());
        assertTrue(chanAtEnd <= DmPlan.ALLOW_FACTOR * rest * (1 + 1e-9));
      }
      lo = s.hiDm();
    }
    assertTrue(plan.maxDm() >= 250 - plan.stages().get(plan.stages().size() - 1).dmStep());
    assertTrue(lo >= 250);
  }

  @Test
  void stepFromSamplingTimeAndBandwidth() {
    // sigpyproc tutorial: 64 x 1.09 MHz from 1510 MHz, 320 us: band delay 0.178 ms per unit DM
    Band band = new Band(1510 - 63 * 1.09, 1510, 64, 1.09, 320e-6);
    DmPlan plan = DmPlan.ddplan(band, 0, 100, 0, 1);
    assertEquals(1, plan.stages().size());
    DmPlan.Stage s = plan.stages().get(0);
    // largest allowed step with K step/2 (f_lo^-2 - f_hi^-2) <= 320 us is 3
    assertEquals(3.0, s.dmStep());
    assertEquals(34, s.numDms());
    assertEquals(1, s.dmsPerCall());
  }

  @Test
  void fixedPlanIncludesBothEnds() {
    Band band = new Band(1200, 1500, 300, 1, 1e-3);
    DmPlan p = DmPlan.fixed(band, 10, 20, 0.5, 2, 0);
    assertEquals(21, p.numDms());
    assertEquals(20.0, p.maxDm(), 1e-12);
    assertEquals(2e-3, p.stages().get(0).dtSec(), 1e-15);
  }
}
