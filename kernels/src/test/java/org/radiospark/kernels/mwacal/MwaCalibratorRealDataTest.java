package org.radiospark.kernels.mwacal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.radiospark.kernels.beam.MwaAnalyticBeam;
import org.radiospark.kernels.calibration.JonesMode;
import org.radiospark.kernels.coords.GeodeticPosition;
import org.radiospark.kernels.io.UvfitsData;
import org.radiospark.kernels.io.UvfitsReadOptions;
import org.radiospark.kernels.io.UvfitsReader;
import org.radiospark.kernels.skymodel.CatalogueComponent;
import org.radiospark.kernels.skymodel.SkyModelReader;
import org.radiospark.kernels.skymodel.SkyModelSelection;
import org.radiospark.kernels.testing.SharedData;

/**
 * Real data: 1061316296.uvfits (MWA Phase I, EoR0, zenith pointing, uncalibrated, one 40 kHz
 * channel at 167.075 MHz, two 2 s integrations; all weights 0, so flags are ignored) against the
 * hyperdrive 100-source EoR0 list through the zenith-pointed analytic beam. Reports the
 * residual-to-model power ratio before and after; asserts only that calibration lowers it.
 */
class MwaCalibratorRealDataTest {
  @Test
  void eor0SnapshotAgainstTheHyperdriveSourceList() throws Exception {
    UvfitsData d =
        UvfitsReader.read(
            SharedData.require("mwa/1061316296.uvfits"),
            UvfitsReadOptions.defaults().withIgnoreFlags(true));
    List<CatalogueComponent> sky =
        new SkyModelSelection(
                d.block().phaseCentre(), Math.toRadians(30), 0, d.block().freqHz()[0], 200)
            .apply(
                SkyModelReader.read(
                    SharedData.require(
                        "mwa/hyperdrive_1090008640/"
                            + "srclist_pumav3_EoR0aegean_EoR1pietro+ForA_1090008640_100.yaml")));
    GeodeticPosition site = GeodeticPosition.fromItrf(d.antennas().centroidMetres());
    for (JonesMode mode : new JonesMode[] {JonesMode.DIAGONAL, JonesMode.FULL}) {
      MwaCalibrator.Result r =
          MwaCalibrator.calibrate(
              d.block(),
              d.antennas(),
              site,
              sky,
              MwaAnalyticBeam.zenith(),
              MwaCalParameters.defaults().withMode(mode).withThreads(2));
      System.out.printf(
          "1061316296 %s vs hyperdrive list (%d components): residual/model power %.4g before,"
              + " %.4g after%n",
          mode, r.nComponents(), r.residualRatioBefore(), r.residualRatioAfter());
      assertTrue(r.residualRatioAfter() < r.residualRatioBefore());
    }
  }
}
