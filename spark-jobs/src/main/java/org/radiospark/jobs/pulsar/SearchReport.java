package org.radiospark.jobs.pulsar;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.radiospark.kernels.pulsar.Candidate;
import org.radiospark.kernels.pulsar.FoldedProfile;
import org.radiospark.kernels.pulsar.SinglePulseEvent;

/** CSV outputs of a search. */
public final class SearchReport {
  private SearchReport() {}

  /**
   * A sifted candidate with its fold (null if it was not folded).
   *
   * @param candidate the sifted candidate
   * @param fold the optimised fold, or null
   */
  public record FoldedCandidate(Candidate candidate, FoldedProfile fold) {}

  /**
   * Writes {@code PREFIX-candidates.csv}: rank, period_s, freq_hz, dm, sigma, numharm, power,
   * dm_hits, and for folded candidates fold_period_s, fold_reduced_chi2, fold_sigma (empty
   * otherwise).
   */
  public static void writeCandidates(OutputStream os, List<FoldedCandidate> cands) {
    PrintWriter w = new PrintWriter(new java.io.OutputStreamWriter(os, StandardCharsets.UTF_8));
    w.println(
        "rank,period_s,freq_hz,dm,sigma,numharm,power,dm_hits,fold_period_s,fold_reduced_chi2,fold_sigma");
    int rank = 1;
    for (FoldedCandidate fc : cands) {
      Candidate c = fc.candidate();
      w.printf(
          Locale.ROOT,
          "%d,%.10f,%.8f,%.4f,%.2f,%d,%.2f,%d,",
          rank++,
          c.periodSec(),
          c.freqHz(),
          c.dm(),
          c.sigma(),
          c.numHarm(),
          c.power(),
          c.dmHits());
      FoldedProfile f = fc.fold();
      if (f != null) {
        w.printf(Locale.ROOT, "%.10f,%.3f,%.2f%n", f.periodSec(), f.reducedChiSquare(), f.sigma());
      } else {
        w.println(",,");
      }
    }
    w.flush();
  }

  /**
   * Writes {@code PREFIX-singlepulse.csv}: dm, time_s, width_s, snr, n_events (brightest first).
   */
  public static void writeSinglePulses(OutputStream os, List<SinglePulseEvent> events)
      throws IOException {
    PrintWriter w = new PrintWriter(new java.io.OutputStreamWriter(os, StandardCharsets.UTF_8));
    w.println("dm,time_s,width_s,snr,n_events");
    for (SinglePulseEvent e : events) {
      w.printf(
          Locale.ROOT,
          "%.4f,%.6f,%.6f,%.2f,%d%n",
          e.dm(),
          e.timeSec(),
          e.widthSec(),
          e.snr(),
          e.members());
    }
    w.flush();
  }
}
