package org.radiospark.jobs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.radiospark.jobs.config.OutputSet;
import org.radiospark.kernels.polarisation.faraday.ComplexSpectrum;
import org.radiospark.kernels.polarisation.faraday.FdfPeak;
import org.radiospark.kernels.polarisation.faraday.PhiAxis;
import org.radiospark.kernels.polarisation.faraday.PolarisationSpectrum;
import org.radiospark.kernels.polarisation.faraday.RmClean;
import org.radiospark.kernels.polarisation.faraday.RmCleanParameters;
import org.radiospark.kernels.polarisation.faraday.RmCleanResult;
import org.radiospark.kernels.polarisation.faraday.RmSpectrumPlot;
import org.radiospark.kernels.polarisation.faraday.RmSynthesis1d;
import org.radiospark.kernels.polarisation.faraday.RmSynthesis1dResult;
import org.radiospark.kernels.polarisation.faraday.RmSynthesisParameters;
import org.radiospark.kernels.polarisation.faraday.RmToolsSpectrumReader;
import org.radiospark.kernels.polarisation.faraday.StokesIModel;
import org.radiospark.kernels.polarisation.faraday.Weighting;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code radiospark rmsynth1d}: RM synthesis of one spectrum in RM-Tools' text format, with the
 * options, defaults and reported quantities of RM-Tools' {@code rmsynth1d} (and of {@code
 * rmclean1d} with {@code -c}). Runs on the driver only (no Spark).
 *
 * <p>Differences from RM-Tools' flags: the Stokes I polynomial order is {@code --poly-ord}
 * (RM-Tools {@code -o}) because {@code -o} names the JSON output here; {@code -S} writes the arrays
 * and the JSON next to the output prefix (RM-Tools: next to the input).
 */
@Command(
    name = "rmsynth1d",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "RM synthesis (Brentjens & de Bruyn 2005) of a spectrum in RM-Tools' ASCII format",
      "(freq_Hz I Q U dI dQ dU, or freq_Hz q u dq du), with RM-Tools' defaults; optional RM-CLEAN."
    })
public final class RmSynth1dCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "Spectrum (RM-Tools text format).")
  Path input;

  @Option(
      names = "-l",
      paramLabel = "PHIMAX",
      description = "Largest |Faraday depth| sampled, rad/m^2 (auto: max(sqrt(3)/dl2, 10 FWHM)).")
  Double phiMax;

  @Option(
      names = "-d",
      paramLabel = "DPHI",
      description = "Faraday-depth step, rad/m^2 (auto: FWHM / NSAMPLES; overrides -s).")
  Double dPhi;

  @Option(names = "-s", paramLabel = "NSAMPLES", description = "Samples per RMSF FWHM (10).")
  double nSamples = 10;

  @Option(
      names = "-w",
      paramLabel = "WEIGHT",
      description = "Channel weights: variance (1/sigma^2, default) or uniform.")
  String weighting = "variance";

  @Option(names = "-t", description = "Fit a Gaussian to the RMSF main lobe for its FWHM.")
  boolean fitRmsf;

  @Option(names = "-i", description = "Ignore Stokes I (use I = 1).")
  boolean ignoreStokesI;

  @Option(
      names = "--poly-ord",
      paramLabel = "N",
      description =
          "Stokes I polynomial order 0..5, or -1..-5: best up to that by AIC (2; RM-Tools' -o).")
  int polyOrd = 2;

  @Option(
      names = "-f",
      paramLabel = "FUNC",
      description = "Stokes I model: log (polynomial in log-log, default) or linear.")
  String fitFunction = "log";

  @Option(
      names = "-c",
      paramLabel = "CUTOFF",
      description =
          "Run RM-CLEAN down to CUTOFF: > 0 absolute (FDF units), < 0 multiple of the FDF noise"
              + " (RM-Tools' convention, e.g. -3).")
  Double cutoff;

  @Option(names = "-n", paramLabel = "NITER", description = "RM-CLEAN iteration limit (1000).")
  int maxIter = RmCleanParameters.DEFAULT_MAX_ITERATIONS;

  @Option(names = "-g", paramLabel = "GAIN", description = "RM-CLEAN loop gain (0.1).")
  double gain = RmCleanParameters.DEFAULT_GAIN;

  @Option(
      names = "-S",
      description =
          "Also write PREFIX_FDFdirty.dat, _RMSF.dat, _weight.dat, _RMsynth.json (and with -c"
              + " _FDFclean.dat, _FDFmodel.dat) and the plots _RMSF-dirtyFDF-plots.png and"
              + " _spectra-plots.png; PREFIX from -o, else from FILE.")
  boolean save;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "OUT.json",
      description = "Write the measured quantities as JSON (RM-Tools' _RMsynth.json keys).")
  Path output;

  @Option(names = "--overwrite", description = "Replace existing outputs.")
  boolean overwrite;

  @Override
  public Integer call() throws IOException {
    RmSynthesisParameters params = parameters();
    try (OutputSet outputs = new OutputSet(overwrite)) {
      Map<Path, String> files = new LinkedHashMap<>();
      PolarisationSpectrum spectrum = RmToolsSpectrumReader.read(input);
      RmSynthesis1dResult r;
      try {
        r = RmSynthesis1d.run(spectrum, params);
      } catch (IllegalArgumentException e) {
        throw new RadioSparkCli.BadOptionException(input + ": " + e.getMessage());
      }
      Map<String, Object> json = r.toRmToolsMap();
      RmCleanResult clean = null;
      FdfPeak cleanPeak = null;
      double cutoffAbs = Double.NaN;
      if (cutoff != null) {
        cutoffAbs = cutoff > 0 ? cutoff : -cutoff * r.dFdfTheory();
        RmCleanParameters cp;
        try {
          cp = new RmCleanParameters(cutoffAbs, gain, maxIter);
        } catch (IllegalArgumentException e) {
          throw new RadioSparkCli.BadOptionException("RM-CLEAN: " + e.getMessage());
        }
        PhiAxis axis = r.synthesis().axis();
        clean = RmClean.clean(r.dirtyFdf(), axis, r.rmsf(), r.fwhmRmsfRadM2(), cp);
        cleanPeak =
            FdfPeak.measure(
                clean.clean(),
                axis,
                r.fwhmRmsfRadM2(),
                r.dFdfTheory(),
                goodLambda2(r),
                r.synthesis().lambda0SqM2());
        Map<String, Object> cj = new LinkedHashMap<>();
        cj.put("cleanCutoff", cutoffAbs);
        cj.put("nIter", clean.iterations());
        cj.put("phiPeakPIfit_rm2", cleanPeak.phiPeakRadM2());
        cj.put("dPhiPeakPIfit_rm2", cleanPeak.dPhiPeakRadM2());
        cj.put("ampPeakPIfit", cleanPeak.ampPeak());
        cj.put("ampPeakPIfitEff", cleanPeak.ampPeakEff());
        cj.put("polAngleFit_deg", cleanPeak.polAngleDeg());
        cj.put("polAngle0Fit_deg", cleanPeak.polAngle0Deg());
        cj.put("dPolAngle0Fit_deg", cleanPeak.dPolAngle0Deg());
        cj.put("snrPIfit", cleanPeak.snr());
        cj.put("fracPol", cleanPeak.ampPeakEff() / r.iFreq0());
        json.put("RMclean", cj);
      }
      String jsonText =
          new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json);
      if (output != null) {
        files.put(output, jsonText + "\n");
      }
      if (save) {
        String prefix = prefix();
        files.put(Path.of(prefix + "_RMsynth.json"), jsonText + "\n");
        files.put(Path.of(prefix + "_FDFdirty.dat"), table(r.synthesis().axis(), r.dirtyFdf()));
        files.put(Path.of(prefix + "_RMSF.dat"), table(r.rmsf().axis(), r.rmsf().response()));
        StringBuilder w = new StringBuilder();
        for (int i = 0; i < r.freqHz().length; i++) {
          w.append(fmt(r.freqHz()[i])).append(' ').append(fmt(r.weights()[i])).append('\n');
        }
        files.put(Path.of(prefix + "_weight.dat"), w.toString());
        if (clean != null) {
          files.put(Path.of(prefix + "_FDFclean.dat"), table(r.synthesis().axis(), clean.clean()));
          files.put(
              Path.of(prefix + "_FDFmodel.dat"), table(r.synthesis().axis(), clean.components()));
        }
      }
      List<Path> tmps = new ArrayList<>();
      for (Path target : files.keySet()) {
        tmps.add(outputs.stage(target));
      }
      Path fdfPng = save ? outputs.stage(Path.of(prefix() + "_RMSF-dirtyFDF-plots.png")) : null;
      Path spectraPng = save ? outputs.stage(Path.of(prefix() + "_spectra-plots.png")) : null;
      printSummary(spec.commandLine().getOut(), r, clean, cleanPeak, cutoffAbs);
      outputs.createDirectories();
      int k = 0;
      for (String text : files.values()) {
        Files.writeString(tmps.get(k++), text, StandardCharsets.UTF_8);
      }
      if (save) {
        try (OutputStream os = Files.newOutputStream(fdfPng)) {
          RmSpectrumPlot.writeFdf(os, r);
        }
        try (OutputStream os = Files.newOutputStream(spectraPng)) {
          RmSpectrumPlot.writeSpectra(os, spectrum, r);
        }
      }
      outputs.commit();
    }
    return ExitCodes.OK;
  }

  private RmSynthesisParameters parameters() {
    Weighting w =
        switch (weighting.toLowerCase(Locale.ROOT)) {
          case "variance" -> Weighting.VARIANCE;
          case "uniform" -> Weighting.UNIFORM;
          default ->
              throw new RadioSparkCli.BadOptionException(
                  "-w must be variance or uniform: " + weighting);
        };
    StokesIModel.FitFunction f =
        switch (fitFunction.toLowerCase(Locale.ROOT)) {
          case "log" -> StokesIModel.FitFunction.LOG;
          case "linear" -> StokesIModel.FitFunction.LINEAR;
          default ->
              throw new RadioSparkCli.BadOptionException(
                  "-f must be log or linear: " + fitFunction);
        };
    if (cutoff != null && (cutoff == 0 || !Double.isFinite(cutoff))) {
      throw new RadioSparkCli.BadOptionException("-c must be non-zero and finite: " + cutoff);
    }
    try {
      return new RmSynthesisParameters(
          phiMax == null ? Double.NaN : phiMax,
          dPhi == null ? Double.NaN : dPhi,
          nSamples,
          w,
          polyOrd,
          f,
          ignoreStokesI,
          fitRmsf);
    } catch (IllegalArgumentException e) {
      throw new RadioSparkCli.BadOptionException(e.getMessage());
    }
  }

  private String prefix() {
    Path base = output != null ? output : input;
    String name = base.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String stem = dot > 0 ? name.substring(0, dot) : name;
    if (output != null && stem.endsWith("_RMsynth")) {
      stem = stem.substring(0, stem.length() - "_RMsynth".length());
    }
    Path parent = base.toAbsolutePath().getParent();
    return parent.resolve(stem).toString();
  }

  private static double[] goodLambda2(RmSynthesis1dResult r) {
    double[] l2 = r.synthesis().lambda2M2();
    double[] w = r.weights();
    return java.util.stream.IntStream.range(0, l2.length)
        .filter(i -> w[i] > 0)
        .mapToDouble(i -> l2[i])
        .toArray();
  }

  private static String table(PhiAxis axis, ComplexSpectrum f) {
    StringBuilder b = new StringBuilder();
    for (int j = 0; j < axis.n(); j++) {
      b.append(fmt(axis.value(j)))
          .append(' ')
          .append(fmt(f.re()[j]))
          .append(' ')
          .append(fmt(f.im()[j]))
          .append('\n');
    }
    return b.toString();
  }

  /** Shortest decimal that reads back to the same double. */
  private static String fmt(double v) {
    return Double.toString(v);
  }

  private static void printSummary(
      PrintWriter out, RmSynthesis1dResult r, RmCleanResult clean, FdfPeak cp, double cutoffAbs) {
    FdfPeak p = r.peak();
    PhiAxis a = r.synthesis().axis();
    out.printf(
        Locale.ROOT,
        "PhiArr = %.2f to %.2f by %.3f (%d chans), %d channels, weights %s%n",
        a.startRadM2(),
        a.endRadM2(),
        a.stepRadM2(),
        a.n(),
        r.nGoodChannels(),
        r.stokesIUsed() ? "on q = Q/I_model" : "on Q, U (no Stokes I)");
    out.printf(Locale.ROOT, "FWHM RMSF = %.4g rad/m^2%n", r.fwhmRmsfRadM2());
    out.printf(Locale.ROOT, "Pol Angle = %.4g (+/-%.4g) deg%n", p.polAngleDeg(), p.dPolAngleDeg());
    out.printf(
        Locale.ROOT, "Pol Angle 0 = %.4g (+/-%.4g) deg%n", p.polAngle0Deg(), p.dPolAngle0Deg());
    out.printf(
        Locale.ROOT, "Peak FD = %.4g (+/-%.4g) rad/m^2%n", p.phiPeakRadM2(), p.dPhiPeakRadM2());
    out.printf(Locale.ROOT, "freq0_GHz = %.4g%n", r.freq0Hz() / 1e9);
    out.printf(Locale.ROOT, "I freq0 = %.4g%n", r.iFreq0());
    out.printf(Locale.ROOT, "Peak PI = %.4g (+/-%.4g)%n", p.ampPeak(), p.dAmpPeak());
    out.printf(Locale.ROOT, "fracPol = %.4g%n", r.fracPol());
    out.printf(Locale.ROOT, "QU Noise = %.4g%n", r.dQu());
    out.printf(Locale.ROOT, "FDF Noise (theory) = %.4g%n", r.dFdfTheory());
    out.printf(Locale.ROOT, "FDF Noise (Corrected MAD) = %.4g%n", p.dFdfCorMad());
    out.printf(Locale.ROOT, "FDF SNR = %.4g%n", p.snr());
    if (r.stokesIUsed()) {
      out.printf(Locale.ROOT, "Fitted polynomial order = %d%n", r.stokesIModel().order());
    }
    if (clean != null) {
      out.printf(
          Locale.ROOT,
          "RM-CLEAN: %d iterations to cutoff %.4g; clean peak FD = %.4g (+/-%.4g) rad/m^2, PI ="
              + " %.4g, Pol Angle 0 = %.4g (+/-%.4g) deg%n",
          clean.iterations(),
          cutoffAbs,
          cp.phiPeakRadM2(),
          cp.dPhiPeakRadM2(),
          cp.ampPeak(),
          cp.polAngle0Deg(),
          cp.dPolAngle0Deg());
    }
    out.flush();
  }
}
