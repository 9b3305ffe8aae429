package org.radiospark.kernels.pulsar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.radiospark.kernels.io.sigproc.Filterbank;
import org.radiospark.kernels.io.sigproc.Sigproc;
import org.radiospark.kernels.io.sigproc.TimeSeries;
import org.radiospark.kernels.testing.SharedData;

/** Issue 6 acceptance points 1-3 on the shared real/public data, without Spark. */
class SharedDataAcceptanceTest {
  static DynamicSpectrum spectrum(Filterbank fb) {
    return new DynamicSpectrum(
        fb.channelMajor(), fb.header().channelFrequenciesMHz(), fb.header().tsampSec());
  }

  static DmRangeResult searchAll(DynamicSpectrum s, DmPlan plan, SearchOptions o) {
    List<Candidate> c = new ArrayList<>();
    List<SinglePulseEvent> e = new ArrayList<>();
    int n = 0;
    for (DmPlan.Stage st : plan.stages()) {
      DmRangeResult r = DmRangeSearch.search(s, plan, st, 0, st.numDms(), o);
      c.addAll(r.candidates());
      e.addAll(r.events());
      n += r.numDms();
    }
    return new DmRangeResult(c, e, n);
  }

  /** Acceptance 1: P = 250.0 ms within 0.1 ms, DM 30 within one trial. */
  @Test
  void tutorialPulsarIsTheBestCandidate() throws IOException {
    Filterbank fb = Sigproc.readFilterbank(SharedData.require("pulsar/sigpyproc3_tutorial.fil"));
    DynamicSpectrum s = spectrum(fb);
    DmPlan plan = DmPlan.ddplan(Band.of(s), 0, 60, 0, 1);
    DmRangeResult r =
        searchAll(s, plan, new SearchOptions(new PeriodSearchParams(16, 2, 1, 1000, 50), null));
    int nOut = DmRangeSearch.outputLength(s, plan, 1);
    List<Candidate> sifted =
        CandidateSifter.sift(r.candidates(), SiftParams.defaults(nOut * s.tsampSec()));
    assertFalse(sifted.isEmpty());
    Candidate best = sifted.get(0);
    double step = plan.stages().get(0).dmStep();
    assertEquals(30, best.dm(), step, best.toString());
    float[] series = Dedisperser.brute(s, new double[] {best.dm()}, nOut)[0];
    FoldedProfile f = Folder.optimise(series, s.tsampSec(), best.periodSec(), 64, 2);
    System.out.printf(
        "tutorial: %s -> folded P %.6f ms, redchi2 %.1f, sigma %.1f%n",
        best, f.periodSec() * 1e3, f.reducedChiSquare(), f.sigma());
    assertEquals(0.250, f.periodSec(), 1e-4);
  }

  /**
   * Acceptance 2: burst at DM 475 within 5%, t 2.03 s within 10 ms, S/N >= 10; the same with
   * brute-force and with subband dedispersion.
   */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(ints = {0, 32})
  void your28BurstIsFound(int numSub) throws IOException {
    Filterbank fb = Sigproc.readFilterbank(SharedData.require("pulsar/your_28.fil"));
    DynamicSpectrum s = spectrum(fb);
    DmPlan plan = DmPlan.ddplan(Band.of(s), 0, 600, numSub, 8);
    DmRangeResult r = searchAll(s, plan, new SearchOptions(null, SinglePulseParams.defaults()));
    List<SinglePulseEvent> groups = SinglePulseSearch.cluster(r.events(), 0.01);
    SinglePulseEvent best = groups.get(0);
    System.out.printf(
        "your_28: %d trials, %d events, best %s%n", r.numDms(), r.events().size(), best);
    assertEquals(475, best.dm(), 0.05 * 475);
    assertEquals(2.03, best.timeSec(), 0.010);
    assertTrue(best.snr() >= 10);
  }

  /**
   * Acceptance 3 asks for P within 0.1 ms of 0.1640 s. The data say 0.16372 s (FFT and fold agree;
   * the catalogue period of B1804-08 is 0.163727 s): folding at 0.1640 s gives a far smaller
   * chi-square, so this test checks the measured period against 0.1640 to its three significant
   * figures only, and that 0.1640 itself is a worse fold.
   */
  @Test
  void gbtTimeSeriesPeriod() throws IOException {
    TimeSeries ts =
        Sigproc.readTimeSeries(SharedData.require("pulsar/sigpyproc3_GBT_J1807-0847.tim"));
    double dt = ts.header().tsampSec();
    double dm = ts.header().getDouble("refdm", 0);
    DmRangeResult r =
        DmRangeSearch.searchSeries(
            ts.samples(),
            dt,
            dm,
            new SearchOptions(new PeriodSearchParams(16, 2, 1, 1000, 50), null));
    List<Candidate> sifted =
        CandidateSifter.sift(
            r.candidates(), new SiftParams(2, 1.1 / (ts.samples().length * dt), 1, 0, 16));
    Candidate best = sifted.get(0);
    float[] detr = Folder.detrend(ts.samples(), (int) Math.max(1000, 10 * best.periodSec() / dt));
    FoldedProfile f = Folder.optimise(detr, dt, best.periodSec(), 64, 2);
    System.out.printf(
        "GBT: %s -> folded P %.7f s, redchi2 %.1f, sigma %.1f%n",
        best, f.periodSec(), f.reducedChiSquare(), f.sigma());
    FoldedProfile at1640 = Folder.fold(detr, dt, 0.1640, 64);
    System.out.printf("GBT: fold at 0.1640 s: redchi2 %.1f%n", at1640.reducedChiSquare());
    assertEquals(0.1640, f.periodSec(), 5e-4);
    assertEquals(1 / best.freqHz(), f.periodSec(), 1e-4);
    assertTrue(f.sigma() > 5);
    assertTrue(at1640.reducedChiSquare() < f.reducedChiSquare() / 4);
  }
}
