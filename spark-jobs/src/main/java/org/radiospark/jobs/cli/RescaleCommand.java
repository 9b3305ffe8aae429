package org.radiospark.jobs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.radiospark.jobs.config.OutputSet;
import org.radiospark.jobs.sql.Tables;
import org.radiospark.kernels.io.FitsImageData;
import org.radiospark.kernels.io.FitsImageReader;
import org.radiospark.kernels.io.FitsImageWriter;
import org.radiospark.kernels.io.PngQuickLook;
import org.radiospark.kernels.model.Image;
import org.radiospark.kernels.postimage.Polynomial1D;
import org.radiospark.kernels.postimage.RescaleParameters;
import org.radiospark.kernels.postimage.Rescaler;
import org.radiospark.kernels.postimage.ScatterPlot;
import org.radiospark.kernels.sourcefinding.ClippedStatistics;
import org.radiospark.kernels.sourcefinding.ComponentCatalogue;
import org.radiospark.kernels.sourcefinding.CrossMatch;
import org.radiospark.kernels.sourcefinding.ReferenceCatalogue;
import org.radiospark.kernels.sourcefinding.SourceComponent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code radiospark rescale}: GLEAM-X step 6 on one image and its component catalogue, without
 * Spark. Cross-matches the components with the reference catalogue, computes sigma-clipped offset
 * and flux-ratio statistics and polynomial fits against RA and Dec ({@link Rescaler}), and writes
 * {@code PREFIX-rescaled.fits} (flux rescaled by the ratio's polynomial in Dec), {@code
 * PREFIX-rescaled-comp.csv} (fluxes rescaled, positions shifted by the mean offsets) and the same
 * catalogue as the Parquet table {@code PREFIX-rescaled-comp.parquet}, {@code PREFIX-rescale.json}
 * (statistics and coefficients), six PNG plots {@code PREFIX-{dra,ddec,ratio}-{ra,dec}.png} and the
 * image's quick-look {@code PREFIX-rescaled.png}, all committed together.
 */
@Command(
    name = "rescale",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Offset and flux-ratio statistics against a reference catalogue, polynomial fits against"
          + " RA and Dec with PNG plots, rescaled image and catalogue."
    })
public final class RescaleCommand implements Callable<Integer> {

  private static final String[] QUANTITIES = {"dra", "ddec", "ratio"};
  private static final String[] AXES = {"ra", "dec"};

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "IMAGE.fits", description = "Image to rescale.")
  Path image;

  @Option(
      names = "--components",
      required = true,
      paramLabel = "COMP.csv",
      description = "Component catalogue of the image (postimage's PREFIX-warped-comp.csv).")
  Path components;

  @Option(
      names = "--catalogue",
      required = true,
      paramLabel = "REF",
      description = "Reference catalogue: CSV (ra_deg,dec_deg,flux_jy) or VOTable (GLEAM).")
  Path catalogue;

  @Option(names = "--flux-column", paramLabel = "NAME", description = "VOTable flux column.")
  String fluxColumn;

  @Option(
      names = "--match-radius-arcsec",
      description = "Cross-match radius, arcsec (default: the beam major axis).")
  double matchRadiusArcsec = 0;

  @Option(names = "--order", description = "Degree of the polynomials against RA and Dec (2).")
  int order = 2;

  @Option(names = "--min-snr", description = "Minimum SNR of matched components (10).")
  double minSnr = 10;

  @Option(
      names = "-name",
      required = true,
      paramLabel = "PREFIX",
      description = "Output prefix: PREFIX-rescaled.fits, PREFIX-rescale.json, PNGs ...")
  String prefix;

  @Option(names = "--overwrite", description = "Replace existing outputs.")
  boolean overwrite;

  @Override
  public Integer call() throws IOException {
    RescaleParameters params;
    try {
      params = new RescaleParameters(order, 3, 10, minSnr);
    } catch (IllegalArgumentException e) {
      throw new RadioSparkCli.BadOptionException(e.getMessage());
    }
    try (OutputSet outputs = new OutputSet(overwrite)) {
      Path imgOut = outputs.stage(PostimageCommand.output(prefix, "-rescaled.fits"));
      Path compOut = outputs.stage(PostimageCommand.output(prefix, "-rescaled-comp.csv"));
      Path compTable = outputs.stage(PostimageCommand.output(prefix, "-rescaled-comp.parquet"));
      Path imgPng = outputs.stage(PostimageCommand.output(prefix, "-rescaled.png"));
      Path jsonOut = outputs.stage(PostimageCommand.output(prefix, "-rescale.json"));
      Map<String, Path> pngs = new LinkedHashMap<>();
      for (String q : QUANTITIES) {
        for (String a : AXES) {
          String key = q + "-" + a;
          pngs.put(key, outputs.stage(PostimageCommand.output(prefix, "-" + key + ".png")));
        }
      }
      FitsImageData data = FitsImageReader.read(image);
      Image img = PostimageCommand.singlePlaneWithBeam(data, image);
      List<SourceComponent> comps = ComponentCatalogue.readCsv(components);
      ReferenceCatalogue ref =
          ReferenceCatalogue.read(catalogue, fluxColumn, img.geometry().freqHz());
      double radiusDeg = PostimageCommand.matchRadiusDeg(matchRadiusArcsec, img);
      List<CrossMatch.Match> matches = CrossMatch.match(comps, ref.sources(), radiusDeg);
      long usable = matches.stream().filter(m -> m.component().snr() >= minSnr).count();
      PostimageCommand.requireMatches((int) usable, order + 1, "--order", catalogue);
      Rescaler.Analysis a = Rescaler.analyse(matches, params);
      Image rescaled = a.rescale(img);
      List<SourceComponent> rescaledComps = a.rescale(comps);
      spec.commandLine()
          .getOut()
          .printf(
              Locale.ROOT,
              "rescale: %d matches used; dRA %.2f\" +- %.2f\", dDec %.2f\" +- %.2f\", flux ratio"
                  + " %.4f +- %.4f (clipped mean +- std)%n",
              a.count(),
              a.dRaStats().mean(),
              a.dRaStats().std(),
              a.dDecStats().mean(),
              a.dDecStats().std(),
              a.ratioStats().mean(),
              a.ratioStats().std());

      outputs.createDirectories();
      FitsImageWriter.write(imgOut, rescaled, PostimageCommand.fitsOptions(data));
      PngQuickLook.write(imgPng, rescaled, PostimageCommand.QUICK_LOOK);
      ComponentCatalogue.writeCsv(compOut, rescaledComps, true);
      Tables.writeLocal(Tables.catalogueSchema(), Tables.catalogueRows(rescaledComps), compTable);
      try (OutputStream os = Files.newOutputStream(jsonOut)) {
        new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .writeValue(os, summary(a, ref.description()));
      }
      for (Map.Entry<String, Path> e : pngs.entrySet()) {
        try (OutputStream os = Files.newOutputStream(e.getValue())) {
          ScatterPlot.write(os, plot(a, e.getKey()));
        }
      }
      outputs.commit();
    }
    return ExitCodes.OK;
  }

  private static ScatterPlot.Spec plot(Rescaler.Analysis a, String key) {
    String[] qa = key.split("-");
    boolean vsRa = qa[1].equals("ra");
    double[] x = vsRa ? a.raDeg() : a.decDeg();
    Rescaler.Fit fit;
    double[] y;
    String yLabel;
    switch (qa[0]) {
      case "dra" -> {
        y = a.dRaArcsec();
        fit = vsRa ? a.dRaVsRa() : a.dRaVsDec();
        yLabel = "RA offset (measured - reference) x cos(Dec) [arcsec]";
      }
      case "ddec" -> {
        y = a.dDecArcsec();
        fit = vsRa ? a.dDecVsRa() : a.dDecVsDec();
        yLabel = "Dec offset (measured - reference) [arcsec]";
      }
      default -> {
        y = a.ratio();
        fit = vsRa ? a.ratioVsRa() : a.ratioVsDec();
        yLabel = "flux ratio measured / reference";
      }
    }
    Polynomial1D p = fit.poly();
    return new ScatterPlot.Spec(
        yLabel.split(" \\[")[0] + " vs " + (vsRa ? "RA" : "Dec") + " (order " + p.order() + " fit)",
        vsRa ? "RA [deg]" : "Dec [deg]",
        yLabel,
        x,
        y,
        fit.kept(),
        p::value);
  }

  private static Map<String, Object> summary(Rescaler.Analysis a, String reference) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("reference", reference);
    m.put("matches_used", a.count());
    m.put("d_ra_arcsec", stats(a.dRaStats()));
    m.put("d_dec_arcsec", stats(a.dDecStats()));
    m.put("flux_ratio", stats(a.ratioStats()));
    Map<String, Object> fits = new LinkedHashMap<>();
    fits.put("d_ra_vs_ra", fit(a.dRaVsRa()));
    fits.put("d_ra_vs_dec", fit(a.dRaVsDec()));
    fits.put("d_dec_vs_ra", fit(a.dDecVsRa()));
    fits.put("d_dec_vs_dec", fit(a.dDecVsDec()));
    fits.put("ratio_vs_ra", fit(a.ratioVsRa()));
    fits.put("ratio_vs_dec", fit(a.ratioVsDec()));
    m.put("fits", fits);
    m.put(
        "applied",
        "image and catalogue fluxes divided by ratio_vs_dec; positions shifted by -mean offsets");
    return m;
  }

  private static Map<String, Object> stats(ClippedStatistics s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("mean", s.mean());
    m.put("std", s.std());
    m.put("median", s.median());
    m.put("count", s.count());
    return m;
  }

  /** Coefficients c_i of sum c_i ((x - centre) / scale)^i. */
  private static Map<String, Object> fit(Rescaler.Fit f) {
    Map<String, Object> m = new LinkedHashMap<>();
    Polynomial1D p = f.poly();
    m.put("centre", p.poly().x0());
    m.put("scale", p.poly().scale());
    List<Double> c = new ArrayList<>();
    for (int d = 0; d <= p.order(); d++) {
      c.add(p.poly().coefficients()[d * (d + 1) / 2]);
    }
    m.put("coefficients", c);
    int kept = 0;
    for (boolean k : f.kept()) {
      kept += k ? 1 : 0;
    }
    m.put("points_kept", kept);
    return m;
  }
}
