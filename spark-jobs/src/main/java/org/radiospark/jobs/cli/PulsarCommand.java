package org.radiospark.jobs.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.radiospark.jobs.config.OutputSet;
import org.radiospark.jobs.config.SparkSessions;
import org.radiospark.jobs.progress.RunSummary;
import org.radiospark.jobs.pulsar.ProfilePlot;
import org.radiospark.jobs.pulsar.PulsarSearchJob;
import org.radiospark.jobs.pulsar.SearchInput;
import org.radiospark.jobs.pulsar.SearchReport;
import org.radiospark.jobs.pulsar.SearchReport.FoldedCandidate;
import org.radiospark.jobs.sql.Tables;
import org.radiospark.kernels.pulsar.Band;
import org.radiospark.kernels.pulsar.Candidate;
import org.radiospark.kernels.pulsar.CandidateSifter;
import org.radiospark.kernels.pulsar.Dedisperser;
import org.radiospark.kernels.pulsar.DmPlan;
import org.radiospark.kernels.pulsar.DmRangeResult;
import org.radiospark.kernels.pulsar.DmRangeSearch;
import org.radiospark.kernels.pulsar.FoldedProfile;
import org.radiospark.kernels.pulsar.Folder;
import org.radiospark.kernels.pulsar.PeriodSearchParams;
import org.radiospark.kernels.pulsar.RfiMask;
import org.radiospark.kernels.pulsar.RfiMaskParams;
import org.radiospark.kernels.pulsar.SearchOptions;
import org.radiospark.kernels.pulsar.SiftParams;
import org.radiospark.kernels.pulsar.SinglePulseEvent;
import org.radiospark.kernels.pulsar.SinglePulseParams;
import org.radiospark.kernels.pulsar.SinglePulseSearch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code radiospark pulsar}: pulsar and fast-transient searches. */
@Command(
    name = "pulsar",
    mixinStandardHelpOptions = true,
    description = "Pulsar and single-pulse searches (PRESTO conventions).",
    subcommands = {PulsarCommand.Search.class})
public final class PulsarCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "a sub-command is required");
  }

  /**
   * {@code radiospark pulsar search}: DM plan, dedispersion on Spark, FFT search with harmonic
   * summing, sifting, folding, optional single-pulse search.
   */
  @Command(
      name = "search",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      description = {
        "Searches a SIGPROC filterbank (.fil), PSRFITS search-mode file (.fits, .sf) or an already",
        "dedispersed SIGPROC time series (.tim) for periodic signals and, with --single-pulse, for",
        "dispersed single pulses. Writes PREFIX-candidates.csv, PREFIX-candN.png (folded",
        "profiles of the best candidates) and PREFIX-singlepulse.csv, the two tables also as",
        "Parquet (PREFIX-candidates.parquet, PREFIX-singlepulse.parquet). Dispersion delays use",
        "4.148808e3 s DM f_MHz^-2, referenced to the highest channel frequency."
      })
  public static final class Search implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = ".fil, .tim, .fits or .sf")
    Path input;

    @Option(names = "-lodm", description = "Lowest DM, pc cm^-3 (0).")
    double loDm = 0;

    @Option(names = "-hidm", description = "Highest DM, pc cm^-3 (1000).")
    double hiDm = 1000;

    @Option(
        names = "-dmstep",
        description = "DM step; with it one stage at -downsamp, without it a DDplan-style plan.")
    Double dmStep;

    @Option(names = "-downsamp", description = "Down-sampling with -dmstep (1).")
    int downsamp = 1;

    @Option(names = "-maxdownsamp", description = "Largest down-sampling in the DDplan (16).")
    int maxDownsamp = 16;

    @Option(
        names = "-nsub",
        description = "Subbands for subband dedispersion; 0 = brute force (32 if >= 256 channels).")
    Integer numSub;

    @Option(names = "-numharm", description = "Harmonics summed: 1, 2, 4, 8 or 16 (16).")
    int numHarm = 16;

    @Option(names = "-zmax", description = "Acceleration search width; only 0 is supported (0).")
    int zmax = 0;

    @Option(names = "-sigma", description = "Candidate significance threshold (2.0).")
    double sigma = 2.0;

    @Option(names = "-flo", description = "Lowest frequency searched, Hz (1.0).")
    double flo = 1.0;

    @Option(names = "-fhi", description = "Highest frequency searched, Hz (10000).")
    double fhi = 10000;

    @Option(names = "-ncands", description = "Candidates kept per DM trial (200).")
    int nCands = 200;

    @Option(names = "-nfold", description = "Best sifted candidates folded into PNGs (5).")
    int nFold = 5;

    @Option(names = "-nbins", description = "Most profile bins when folding (64).")
    int nBins = 64;

    @Option(names = "--single-pulse", description = "Also run the single-pulse boxcar search.")
    boolean singlePulse;

    @Option(names = "-threshold", description = "Single-pulse S/N threshold (5.0).")
    double threshold = 5.0;

    @Option(names = "-maxwidth", description = "Widest single-pulse boxcar, samples (150).")
    int maxWidth = 150;

    @Option(
        names = "--rfifind",
        description = "Mask RFI first (rfifind-like statistics per channel and interval).")
    boolean rfifind;

    @Option(names = "-rfitime", description = "Seconds per RFI-statistics interval (1.0).")
    double rfiTimeSec = 1.0;

    @Option(names = "-trials-per-task", description = "DM trials per Spark task (auto).")
    int trialsPerTask = 0;

    @Option(
        names = {"-o", "--output"},
        paramLabel = "PREFIX",
        description = "Output prefix (the input's name without extension).")
    Path prefix;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master (local[*]).")
    String master;

    @Option(names = "--overwrite", description = "Replace existing outputs.")
    boolean overwrite;

    @Override
    public Integer call() throws IOException {
      validate();
      Path pre = prefix != null ? prefix : Path.of(stem(input.getFileName().toString()));
      PrintWriter out = spec.commandLine().getOut();
      SparkSession[] started = new SparkSession[1];
      try (OutputSet outputs = new OutputSet(overwrite)) {
        Path candCsv = outputs.stage(sibling(pre, "-candidates.csv"));
        Path spCsv = singlePulse ? outputs.stage(sibling(pre, "-singlepulse.csv")) : null;
        Path candTable = outputs.stage(sibling(pre, "-candidates.parquet"));
        Path spTable = singlePulse ? outputs.stage(sibling(pre, "-singlepulse.parquet")) : null;
        List<Path> pngs = new ArrayList<>();
        for (int i = 1; i <= nFold; i++) {
          pngs.add(sibling(pre, "-cand" + i + ".png"));
          if (Files.exists(pngs.get(i - 1)) && !overwrite) {
            throw new RadioSparkCli.BadOptionException(
                pngs.get(i - 1) + ": output exists (use --overwrite to replace it)");
          }
        }
        SearchInput in = SearchInput.read(input);
        if (rfifind && !in.isTimeSeries()) {
          in = masked(in, out);
        }
        SearchOptions opts =
            new SearchOptions(
                new PeriodSearchParams(numHarm, sigma, flo, fhi, nCands),
                singlePulse ? new SinglePulseParams(threshold, maxWidth, 1000, 1000) : null);
        long t0 = System.nanoTime();
        DmRangeResult result;
        DmPlan plan = null;
        double tObs;
        if (in.isTimeSeries()) {
          result = DmRangeSearch.searchSeries(in.series(), in.tsampSec(), in.seriesDm(), opts);
          tObs = in.series().length * in.tsampSec();
        } else {
          plan = plan(in);
          int nOut = outputLength(in, plan);
          tObs = nOut * in.tsampSec();
          out.printf(
              Locale.ROOT,
              "pulsar search: %s, %d channels x %d samples of %.6g s; %d DM trials %.2f..%.2f in"
                  + " %d stage(s)%n",
              input.getFileName(),
              in.spectrum().nChans(),
              in.spectrum().nSamples(),
              in.tsampSec(),
              plan.numDms(),
              plan.stages().get(0).loDm(),
              plan.maxDm(),
              plan.stages().size());
          for (DmPlan.Stage st : plan.stages()) {
            out.printf(
                Locale.ROOT,
                "  DM %.2f..%.2f step %.3g, downsamp %d, %d subbands, smearing %.3g ms at top%n",
                st.loDm(),
                st.dm(st.numDms() - 1),
                st.dmStep(),
                st.downsamp(),
                st.numSub(),
                st.smearingSec(st.dm(st.numDms() - 1)) * 1e3);
          }
          started[0] = SparkSessions.session("radiospark pulsar search", master);
          JavaSparkContext jsc = JavaSparkContext.fromSparkContext(started[0].sparkContext());
          result = PulsarSearchJob.run(jsc, in.spectrum(), plan, opts, trialsPerTask);
        }
        double searchSec = (System.nanoTime() - t0) * 1e-9;

        boolean multiDm = plan != null && plan.numDms() > 1;
        double lowDmCut = multiDm && plan.maxDm() > 2.0 ? 2.0 : 0.0;
        List<Candidate> sifted =
            CandidateSifter.sift(
                result.candidates(),
                new SiftParams(sigma, 1.1 / tObs, multiDm ? 2 : 1, lowDmCut, 16));
        List<FoldedCandidate> folded = new ArrayList<>();
        for (int i = 0; i < sifted.size(); i++) {
          Candidate c = sifted.get(i);
          folded.add(new FoldedCandidate(c, i < nFold ? fold(in, c) : null));
        }
        List<SinglePulseEvent> pulses =
            singlePulse ? SinglePulseSearch.cluster(result.events(), 2 * in.tsampSec()) : List.of();

        outputs.createDirectories();
        try (OutputStream os = Files.newOutputStream(candCsv)) {
          SearchReport.writeCandidates(os, folded);
        }
        Tables.writeLocal(Tables.candidatesSchema(), Tables.candidateRows(folded), candTable);
        if (spCsv != null) {
          try (OutputStream os = Files.newOutputStream(spCsv)) {
            SearchReport.writeSinglePulses(os, pulses);
          }
          Tables.writeLocal(Tables.singlePulsesSchema(), Tables.singlePulseRows(pulses), spTable);
        }
        for (int i = 0; i < Math.min(nFold, folded.size()); i++) {
          Path tmp = outputs.stage(pngs.get(i));
          try (OutputStream os = Files.newOutputStream(tmp)) {
            ProfilePlot.write(os, folded.get(i).fold().profile());
          }
        }
        outputs.commit();
        List<Path> files = new ArrayList<>(List.of(sibling(pre, "-candidates.csv")));
        if (spCsv != null) {
          files.add(sibling(pre, "-singlepulse.csv"));
        }
        files.addAll(pngs.subList(0, Math.min(nFold, folded.size())));
        summary(input, result, folded, pulses, searchSec, files).print(out);
      } finally {
        if (started[0] != null) {
          started[0].stop();
        }
      }
      return ExitCodes.OK;
    }

    private void validate() {
      if (zmax != 0) {
        throw new RadioSparkCli.BadOptionException(
            "-zmax " + zmax + ": only 0 is supported (no acceleration search)");
      }
      if (numHarm != 1 && numHarm != 2 && numHarm != 4 && numHarm != 8 && numHarm != 16) {
        throw new RadioSparkCli.BadOptionException("-numharm must be 1, 2, 4, 8 or 16: " + numHarm);
      }
      if (loDm < 0 || !(hiDm > loDm)) {
        throw new RadioSparkCli.BadOptionException(
            "need 0 <= -lodm < -hidm: " + loDm + ", " + hiDm);
      }
      if (dmStep != null && !(dmStep > 0)) {
        throw new RadioSparkCli.BadOptionException("-dmstep must be > 0: " + dmStep);
      }
      if (downsamp < 1 || maxDownsamp < 1 || nFold < 0 || nBins < 8 || maxWidth < 1) {
        throw new RadioSparkCli.BadOptionException(
            "need -downsamp >= 1, -maxdownsamp >= 1, -nfold >= 0, -nbins >= 8, -maxwidth >= 1");
      }
      if (!(rfiTimeSec > 0)) {
        throw new RadioSparkCli.BadOptionException("-rfitime must be > 0 s: " + rfiTimeSec);
      }
      if (!(flo >= 0) || !(fhi > flo) || nCands < 1 || !(threshold > 0)) {
        throw new RadioSparkCli.BadOptionException(
            "need 0 <= -flo < -fhi, -ncands >= 1, -threshold > 0");
      }
    }

    private SearchInput masked(SearchInput in, PrintWriter out) {
      int interval = (int) Math.max(16, Math.round(rfiTimeSec / in.tsampSec()));
      if (interval > in.spectrum().nSamples()) {
        interval = in.spectrum().nSamples();
      }
      RfiMask mask = RfiMask.compute(in.spectrum(), RfiMaskParams.defaults(interval));
      out.printf(
          Locale.ROOT,
          "rfifind: %d intervals of %d samples, %.2f%% of cells masked%n",
          mask.nIntervals(),
          interval,
          100 * mask.maskedFraction());
      return new SearchInput(
          mask.apply(in.spectrum()), null, in.tsampSec(), in.seriesDm(), in.source());
    }

    private DmPlan plan(SearchInput in) {
      Band band = Band.of(in.spectrum());
      int nChan = in.spectrum().nChans();
      int nsub = numSub != null ? numSub : (nChan >= 256 ? 32 : 0);
      if (nsub < 0 || nsub > nChan) {
        throw new RadioSparkCli.BadOptionException("-nsub must be in 0.." + nChan + ": " + nsub);
      }
      return dmStep != null
          ? DmPlan.fixed(band, loDm, hiDm, dmStep, downsamp, nsub)
          : DmPlan.ddplan(band, loDm, hiDm, nsub, maxDownsamp);
    }

    private int outputLength(SearchInput in, DmPlan plan) {
      try {
        return DmRangeSearch.outputLength(in.spectrum(), plan, 1);
      } catch (IllegalArgumentException e) {
        throw new RadioSparkCli.BadOptionException(
            input + ": " + e.getMessage() + " (lower -hidm)");
      }
    }

    private FoldedProfile fold(SearchInput in, Candidate c) {
      double dt = in.tsampSec();
      float[] series;
      if (in.isTimeSeries()) {
        series = in.series();
      } else {
        int n = Dedisperser.outputLength(in.spectrum(), c.dm());
        series = Dedisperser.brute(in.spectrum(), new double[] {c.dm()}, n)[0];
      }
      double p = c.periodSec();
      float[] detrended = Folder.detrend(series, (int) Math.max(1000, 10 * p / dt));
      int bins = (int) Math.max(8, Math.min(nBins, Math.floor(p / dt)));
      return Folder.optimise(detrended, dt, p, bins, 2);
    }

    /** The end-of-run summary: trials, candidates, the best five, single pulses, files. */
    private static RunSummary summary(
        Path input,
        DmRangeResult r,
        List<FoldedCandidate> folded,
        List<SinglePulseEvent> pulses,
        double sec,
        List<Path> files) {
      RunSummary s =
          new RunSummary("pulsar search", input + ", " + r.numDms() + " DM trial(s)")
              .wallSeconds(sec)
              .figure(
                  "candidates", "%d raw, %d after sifting", r.candidates().size(), folded.size());
      for (int i = 0; i < Math.min(5, folded.size()); i++) {
        Candidate c = folded.get(i).candidate();
        FoldedProfile f = folded.get(i).fold();
        s.figure(
            "#" + (i + 1),
            "P = %.6f ms  DM = %.2f  sigma = %.1f  numharm = %d  DM hits = %d%s",
            (f != null ? f.periodSec() : c.periodSec()) * 1e3,
            c.dm(),
            c.sigma(),
            c.numHarm(),
            c.dmHits(),
            f == null
                ? ""
                : String.format(
                    Locale.ROOT,
                    "  folded: reduced chi2 = %.1f (%.1f sigma)",
                    f.reducedChiSquare(),
                    f.sigma()));
      }
      if (!pulses.isEmpty() || r.events().size() > 0) {
        s.figure("single pulses", "%d detections in %d group(s)", r.events().size(), pulses.size());
        for (int i = 0; i < Math.min(3, pulses.size()); i++) {
          SinglePulseEvent e = pulses.get(i);
          s.figure(
              "pulse " + (i + 1),
              "t = %.4f s  DM = %.2f  S/N = %.1f  width = %.2f ms  (%d detections)",
              e.timeSec(),
              e.dm(),
              e.snr(),
              e.widthSec() * 1e3,
              e.members());
        }
      }
      return s.outputs(files);
    }

    private static String stem(String name) {
      int dot = name.lastIndexOf('.');
      return dot > 0 ? name.substring(0, dot) : name;
    }

    private static Path sibling(Path prefix, String suffix) {
      Path name = prefix.getFileName();
      return prefix.resolveSibling(name + suffix);
    }
  }
}
