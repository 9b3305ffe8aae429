package org.radiospark.kernels.skymodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpectralModelTest {
  private static final double EPS = 1e-12;

  @Test
  void powerLawScalesEveryStokesParameterByTheSameRatio() {
    SpectralModel m = new SpectralModel.PowerLaw(new FluxDensity(150e6, 10, 2, -1, 0.5), -0.7);
    FluxDensity f = m.at(300e6);
    double r = Math.pow(2, -0.7);
    assertEquals(10 * r, f.i(), EPS);
    assertEquals(2 * r, f.q(), EPS);
    assertEquals(-r, f.u(), EPS);
    assertEquals(0.5 * r, f.v(), EPS);
    assertEquals(300e6, f.freqHz());
  }

  @Test
  void curvedPowerLawAddsQTimesLogSquared() {
    SpectralModel m = new SpectralModel.CurvedPowerLaw(FluxDensity.stokesI(200e6, 4), -0.8, -0.3);
    double x = Math.log(100.0 / 200.0);
    assertEquals(4 * Math.pow(0.5, -0.8) * Math.exp(-0.3 * x * x), m.stokesIAt(100e6), EPS);
    assertEquals(4, m.stokesIAt(200e6), EPS, "the reference itself");
  }

  /** Values of hyperdrive's own unit tests ("list_estimate_flux_density_at_freq_*"). */
  @Test
  void listFollowsHyperdriveInsideAndOutsideTheList() {
    SpectralModel m =
        new SpectralModel.FluxList(
            List.of(
                new FluxDensity(100, 10, 7, 6, 1),
                new FluxDensity(150, 8, 5, 4, 0.25),
                new FluxDensity(200, 6, 4, 3, 0.1)));
    // Below the list: index from the first two entries, anchored at the first.
    FluxDensity lo = m.at(90);
    assertEquals(10.596981209124532, lo.i(), 1e-10);
    assertEquals(7.417886846387172, lo.q(), 1e-10);
    // Above: index from the last two, anchored at the last.
    FluxDensity hi = m.at(210);
    assertEquals(5.7142857142857135, hi.i(), 1e-10);
    assertEquals(0.09523809523809523, hi.v(), 1e-10);
    // Inside: log-log line between the bracketing entries, by hand.
    double alpha = Math.log(6.0 / 8.0) / Math.log(200.0 / 150.0);
    assertEquals(8 * Math.pow(170.0 / 150.0, alpha), m.stokesIAt(170), EPS);
    assertEquals(5 * Math.pow(170.0 / 150.0, alpha), m.at(170).q(), EPS);
    // On an entry: that entry.
    assertEquals(8, m.stokesIAt(150), 0);
  }

  @Test
  void singleEntryListUsesTheDefaultIndex() {
    SpectralModel m = new SpectralModel.FluxList(List.of(new FluxDensity(100, 10, 7, 6, 1)));
    assertEquals(10.879426248455298, m.stokesIAt(90), 1e-10); // hyperdrive's value
    assertEquals(10 * Math.pow(1.1, -0.8), m.stokesIAt(110), EPS);
  }

  @Test
  void oppositeSignsInterpolateOnAStraightLine() {
    SpectralModel m =
        new SpectralModel.FluxList(
            List.of(FluxDensity.stokesI(100, 2), FluxDensity.stokesI(200, -1)));
    assertEquals(0.5, m.stokesIAt(150), EPS);
    assertEquals(-2.5, m.stokesIAt(250), EPS, "the line extends beyond the list too");
  }

  @Test
  void unsortedListsAreRejected() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new SpectralModel.FluxList(
                List.of(FluxDensity.stokesI(200, 1), FluxDensity.stokesI(100, 1))));
  }
}
