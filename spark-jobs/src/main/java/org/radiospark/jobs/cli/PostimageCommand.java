package org.radiospark.jobs.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.radiospark.jobs.config.OutputSet;
import org.radiospark.jobs.sql.Tables;
import org.radiospark.kernels.io.FitsImageData;
import org.radiospark.kernels.io.FitsImageOptions;
import org.radiospark.kernels.io.FitsImageReader;
import org.radiospark.kernels.io.FitsImageWriter;
import org.radiospark.kernels.io.PngOptions;
import org.radiospark.kernels.io.PngQuickLook;
import org.radiospark.kernels.model.Image;
import org.radiospark.kernels.model.InvalidInputException;
import org.radiospark.kernels.postimage.AstrometricWarp;
import org.radiospark.kernels.postimage.FluxWarp;
import org.radiospark.kernels.postimage.Polynomial2D;
import org.radiospark.kernels.postimage.WarpParameters;
import org.radiospark.kernels.sourcefinding.BackgroundMaps;
import org.radiospark.kernels.sourcefinding.BackgroundRms;
import org.radiospark.kernels.sourcefinding.BaneParameters;
import org.radiospark.kernels.sourcefinding.ComponentCatalogue;
import org.radiospark.kernels.sourcefinding.CrossMatch;
import org.radiospark.kernels.sourcefinding.FinderParameters;
import org.radiospark.kernels.sourcefinding.ReferenceCatalogue;
import org.radiospark.kernels.sourcefinding.SourceComponent;
import org.radiospark.kernels.sourcefinding.SourceFinder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code radiospark postimage}: GLEAM-X step 5 on one restored image, without Spark. BANE
 * background and rms maps, Aegean-style source finding, cross-match with a reference catalogue,
 * fits_warp-style astrometric correction (catalogue and resampled image) and flux_warp-style flux
 * correction. Writes {@code PREFIX-bkg.fits}, {@code PREFIX-rms.fits}, {@code PREFIX-comp.csv},
 * {@code PREFIX-comp.fits} (the raw components), {@code PREFIX-xmatch.csv} (the raw cross-match),
 * {@code PREFIX-warped.fits} (position- and flux-corrected image) and {@code
 * PREFIX-warped-comp.csv} (corrected components), the two catalogues also as Parquet tables {@code
 * PREFIX-comp.parquet} and {@code PREFIX-warped-comp.parquet} ({@link Tables#catalogueSchema()},
 * written without a Spark session so the command also runs inside a GLEAM-X snapshot task) and PNG
 * quick-looks of the three images, all committed together.
 */
@Command(
    name = "postimage",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Background/rms maps (BANE), source finding (Aegean), cross-match, astrometric and flux"
          + " correction (fits_warp, flux_warp) of one image."
    })
public final class PostimageCommand implements Callable<Integer> {
  /** Quick-looks of the image outputs: the defaults of every FITS image's PNG (image, ical). */
  static final PngOptions QUICK_LOOK = PngOptions.defaults().withOverwrite(true);

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "IMAGE.fits", description = "Restored image with BMAJ.")
  Path image;

  @Option(
      names = "--catalogue",
      required = true,
      paramLabel = "REF",
      description = "Reference catalogue: CSV (ra_deg,dec_deg,flux_jy) or VOTable (GLEAM).")
  Path catalogue;

  @Option(
      names = "--flux-column",
      paramLabel = "NAME",
      description = "VOTable flux column (default: the sub-band nearest the image frequency).")
  String fluxColumn;

  @Option(names = "--seed", description = "Seed threshold, sigma (5).")
  double seed = 5;

  @Option(names = "--flood", description = "Flood threshold, sigma (4).")
  double flood = 4;

  @Option(
      names = "--match-radius-arcsec",
      description = "Cross-match radius, arcsec (default: the beam major axis).")
  double matchRadiusArcsec = 0;

  @Option(names = "--warp-order", description = "Degree of the position-offset polynomial (3).")
  int warpOrder = 3;

  @Option(names = "--flux-order", description = "Degree of the log flux-ratio polynomial (1).")
  int fluxOrder = 1;

  @Option(names = "--min-snr", description = "Minimum SNR of sources in the flux model (10).")
  double minSnr = 10;

  @Option(
      names = "-name",
      required = true,
      paramLabel = "PREFIX",
      description = "Output prefix: PREFIX-bkg.fits, PREFIX-rms.fits, PREFIX-comp.csv, ...")
  String prefix;

  @Option(names = "--overwrite", description = "Replace existing outputs.")
  boolean overwrite;

  @Override
  public Integer call() throws IOException {
    FinderParameters finder = finderParameters(seed, flood);
    WarpParameters wp = warpParameters();
    try (OutputSet outputs = new OutputSet(overwrite)) {
      Path bkgOut = outputs.stage(output(prefix, "-bkg.fits"));
      Path rmsOut = outputs.stage(output(prefix, "-rms.fits"));
      Path compCsv = outputs.stage(output(prefix, "-comp.csv"));
      Path compFits = outputs.stage(output(prefix, "-comp.fits"));
      Path xmatchCsv = outputs.stage(output(prefix, "-xmatch.csv"));
      Path warpedOut = outputs.stage(output(prefix, "-warped.fits"));
      Path warpedCsv = outputs.stage(output(prefix, "-warped-comp.csv"));
      Path compTable = outputs.stage(output(prefix, "-comp.parquet"));
      Path warpedTable = outputs.stage(output(prefix, "-warped-comp.parquet"));
      Path bkgPng = outputs.stage(output(prefix, "-bkg.png"));
      Path rmsPng = outputs.stage(output(prefix, "-rms.png"));
      Path warpedPng = outputs.stage(output(prefix, "-warped.png"));

      FitsImageData data = FitsImageReader.read(image);
      Image img = singlePlaneWithBeam(data, image);
      ReferenceCatalogue ref =
          ReferenceCatalogue.read(catalogue, fluxColumn, img.geometry().freqHz());
      PrintWriter out = spec.commandLine().getOut();
      BackgroundMaps maps =
          BackgroundRms.compute(img, BaneParameters.forBeam(img.beam(), img.geometry().cellRad()));
      List<SourceComponent> comps = SourceFinder.find(img, maps, finder);
      double radiusDeg = matchRadiusDeg(matchRadiusArcsec, img);
      List<CrossMatch.Match> matches = CrossMatch.match(comps, ref.sources(), radiusDeg);
      out.printf(
          Locale.ROOT,
          "postimage: %d components; %d of %d reference sources (%s) matched within %.1f\"%n",
          comps.size(),
          matches.size(),
          ref.sources().size(),
          ref.description(),
          radiusDeg * 3600);
      requireMatches(matches.size(), Polynomial2D.terms(warpOrder), "--warp-order", catalogue);
      AstrometricWarp warp = AstrometricWarp.fit(matches, img.geometry(), wp);
      List<SourceComponent> moved = warp.correct(comps);
      List<CrossMatch.Match> movedMatches = CrossMatch.match(moved, ref.sources(), radiusDeg);
      long bright = movedMatches.stream().filter(m -> m.component().snr() >= minSnr).count();
      requireMatches((int) bright, Polynomial2D.terms(fluxOrder), "--flux-order", catalogue);
      FluxWarp fw = FluxWarp.fit(movedMatches, img.geometry(), wp);
      List<SourceComponent> corrected = fw.correct(moved);
      Image warped = fw.apply(warp.warp(img));
      double cellArcsec = Math.toDegrees(img.geometry().cellRad()) * 3600;
      out.printf(
          Locale.ROOT,
          "astrometry: rms offset %.2f\" -> %.2f\" (%d of %d matches used, order %d)%n",
          warp.rmsBeforePix() * cellArcsec,
          warp.rmsAfterPix() * cellArcsec,
          warp.used(),
          warp.matched(),
          warpOrder);
      out.printf(
          Locale.ROOT,
          "flux: rms log(ref/measured) %.4f -> %.4f (%d used, order %d)%n",
          fw.rmsBefore(),
          fw.rmsAfter(),
          fw.used(),
          fluxOrder);

      outputs.createDirectories();
      FitsImageOptions fo = fitsOptions(data);
      FitsImageWriter.write(bkgOut, img.withPixels(maps.background()), fo);
      FitsImageWriter.write(rmsOut, img.withPixels(maps.rms()), fo);
      ComponentCatalogue.writeCsv(compCsv, comps, true);
      ComponentCatalogue.writeFits(compFits, comps, true);
      try (OutputStream os = Files.newOutputStream(xmatchCsv)) {
        writeMatches(os, matches);
      }
      FitsImageWriter.write(warpedOut, warped, fo);
      PngQuickLook.write(bkgPng, maps.background(), img.nx(), img.ny(), QUICK_LOOK);
      PngQuickLook.write(rmsPng, maps.rms(), img.nx(), img.ny(), QUICK_LOOK);
      PngQuickLook.write(warpedPng, warped, QUICK_LOOK);
      ComponentCatalogue.writeCsv(warpedCsv, corrected, true);
      Tables.writeLocal(Tables.catalogueSchema(), Tables.catalogueRows(comps), compTable);
      Tables.writeLocal(Tables.catalogueSchema(), Tables.catalogueRows(corrected), warpedTable);
      outputs.commit();
    }
    return ExitCodes.OK;
  }

  private WarpParameters warpParameters() {
    try {
      return new WarpParameters(warpOrder, fluxOrder, 3, 10, minSnr);
    } catch (IllegalArgumentException e) {
      throw new RadioSparkCli.BadOptionException(e.getMessage());
    }
  }

  static FinderParameters finderParameters(double seed, double flood) {
    try {
      return FinderParameters.defaults().withThresholds(seed, flood);
    } catch (IllegalArgumentException e) {
      throw new RadioSparkCli.BadOptionException("--seed/--flood: " + e.getMessage());
    }
  }

  /** {@code PREFIX + suffix} as a path. */
  static Path output(String prefix, String suffix) {
    return Path.of(prefix + suffix);
  }

  /** The single plane of the file, which must carry a restoring beam. */
  static Image singlePlaneWithBeam(FitsImageData data, Path file) {
    if (data.cube().planes().size() != 1) {
      throw new InvalidInputException(
          file.toString(), "NAXIS3/NAXIS4", "expected a single image plane (an MFS image)");
    }
    Image img = data.cube().planes().get(0);
    if (img.beam() == null || !(img.beam().majorRad() > 0) || !(img.beam().minorRad() > 0)) {
      throw new InvalidInputException(
          file.toString(), "BMAJ/BMIN", "source finding needs the restoring beam in the header");
    }
    return img;
  }

  /** The match radius in degrees: the option, or the beam major axis. */
  static double matchRadiusDeg(double arcsec, Image img) {
    if (arcsec < 0 || !Double.isFinite(arcsec)) {
      throw new RadioSparkCli.BadOptionException("--match-radius-arcsec must be positive");
    }
    return arcsec > 0 ? arcsec / 3600 : Math.toDegrees(img.beam().majorRad());
  }

  static void requireMatches(int n, int terms, String option, Path catalogue) {
    if (n <= terms) {
      throw new InvalidInputException(
          catalogue.toString(),
          "cross-match",
          n
              + " usable matches cannot constrain "
              + terms
              + " polynomial terms (lower "
              + option
              + ", widen --match-radius-arcsec or check the catalogue covers the image)");
    }
  }

  /** The input's metadata carried over, overwriting the staged temporary name. */
  static FitsImageOptions fitsOptions(FitsImageData data) {
    FitsImageOptions o = FitsImageOptions.defaults().withOverwrite(true);
    if (!data.dateObs().isEmpty()) {
      o = o.withDateObs(data.dateObs());
    }
    return o.withNames(data.object(), data.telescope());
  }

  /**
   * The cross-match as CSV: component island, source, position and fluxes, the reference name,
   * position and flux, the separation and the offsets measured - reference in arcsec (RA on the
   * sky) and the flux ratio measured / reference.
   */
  static void writeMatches(OutputStream os, List<CrossMatch.Match> ms) {
    PrintWriter w = new PrintWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8));
    w.println(
        "island,source,ra,dec,peak_flux,int_flux,err_int_flux,local_rms,ref_name,ref_ra,ref_dec,"
            + "ref_flux,sep_arcsec,d_ra_arcsec,d_dec_arcsec,flux_ratio");
    for (CrossMatch.Match m : ms) {
      SourceComponent c = m.component();
      double dra = c.raDeg() - m.reference().raDeg();
      dra -= 360 * Math.round(dra / 360);
      w.println(
          String.join(
              ",",
              Integer.toString(c.island()),
              Integer.toString(c.source()),
              Double.toString(c.raDeg()),
              Double.toString(c.decDeg()),
              Double.toString(c.peakFlux()),
              Double.toString(c.intFlux()),
              Double.toString(c.errors().intFlux()),
              Double.toString(c.localRms()),
              m.reference().name().replace(',', ' '),
              Double.toString(m.reference().raDeg()),
              Double.toString(m.reference().decDeg()),
              Double.toString(m.reference().fluxJy()),
              Double.toString(m.separationDeg() * 3600),
              Double.toString(dra * Math.cos(Math.toRadians(m.reference().decDeg())) * 3600),
              Double.toString((c.decDeg() - m.reference().decDeg()) * 3600),
              Double.toString(c.intFlux() / m.reference().fluxJy())));
    }
    w.flush();
  }
}
