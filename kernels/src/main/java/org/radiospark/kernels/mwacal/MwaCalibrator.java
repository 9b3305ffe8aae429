package org.radiospark.kernels.mwacal;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.radiospark.kernels.beam.MwaAnalyticBeam;
import org.radiospark.kernels.calibration.CalibrationSolution;
import org.radiospark.kernels.calibration.GainApplier;
import org.radiospark.kernels.calibration.StefcalSolver;
import org.radiospark.kernels.coords.DirectionCosines;
import org.radiospark.kernels.coords.GeodeticPosition;
import org.radiospark.kernels.imaging.ComponentPredictor;
import org.radiospark.kernels.model.AntennaConfiguration;
import org.radiospark.kernels.model.InvalidInputException;
import org.radiospark.kernels.model.SkyComponent;
import org.radiospark.kernels.model.VisibilityBlock;
import org.radiospark.kernels.skymodel.CatalogueComponent;

/**
 * Sky-model calibration of one MWA snapshot, as GLEAM-X's autocal (MitchCal {@code calibrate}) and
 * mwa_hyperdrive {@code di-calibrate} do it:
 *
 * <ol>
 *   <li>model visibilities: per channel, the {@link ApparentSky} (catalogue spectra at the
 *       channel's frequency through the tile beam at the middle of the observation) predicted by
 *       the exact-w DFT of {@link ComponentPredictor};
 *   <li>one StEFCal solution ({@link StefcalSolver}, full-Jones or diagonal, Anderson-accelerated)
 *       per channel or block of {@code chansPerBlock} channels over the whole observation, from the
 *       cross-correlations with {@code uvMin <= sqrt(u^2 + v^2) <= uvMax} wavelengths, phases
 *       referenced to the reference antenna;
 *   <li>the residual-to-model power ratio {@code sum |V - M|^2 / sum |M|^2} over the samples the
 *       solver used, before (raw data) and after (data corrected by the solutions).
 * </ol>
 *
 * <p>The data block must obey the measurement equation of {@code model/package-info.java} (uvw =
 * pos2 - pos1, what {@code UvfitsReader} returns). The beam is evaluated once per channel at the
 * mean time of the rows: over a 2-minute snapshot the sky moves by 0.5 degrees through a beam of
 * ~25 degrees FWHM, which changes the apparent flux of a source at the half-power point by about
 * 2%; longer inputs should be calibrated in shorter pieces.
 *
 * <p>Cost: O(rows x channels x components) for the predict (split over {@code nThreads}) plus
 * O(samples + iterations x baselines) per solution. Memory: one model block the size of the data.
 */
public final class MwaCalibrator {
  private MwaCalibrator() {}

  /**
   * The result of a calibration.
   *
   * @param solution gains per channel block, its channel map and diagnostics
   * @param model the model visibilities the gains were solved against
   * @param nComponents apparent components in the model (above the horizon)
   * @param residualRatioBefore {@code sum |V - M|^2 / sum |M|^2} over the used samples of the raw
   *     data
   * @param residualRatioAfter the same for the corrected data
   */
  public record Result(
      CalibrationSolution solution,
      VisibilityBlock model,
      int nComponents,
      double residualRatioBefore,
      double residualRatioAfter) {}

  /**
   * Calibrates {@code data} against {@code sky}.
   *
   * @param antennas the array (its flagged antennas are not solved for)
   * @param site array centre, for the beam's az/el
   * @param beam tile beam, or null to calibrate against the unattenuated sky
   * @throws InvalidInputException if no component is above the horizon, or the data do not suit the
   *     mode (see {@link StefcalSolver#solve})
   */
  public static Result calibrate(
      VisibilityBlock data,
      AntennaConfiguration antennas,
      GeodeticPosition site,
      List<CatalogueComponent> sky,
      MwaAnalyticBeam beam,
      MwaCalParameters params) {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(antennas, "antennas");
    Objects.requireNonNull(params, "params");
    int[] counted = new int[1];
    VisibilityBlock model = predictModel(data, sky, beam, site, params.nThreads(), counted);
    if (counted[0] == 0) {
      throw new InvalidInputException(
          "sky model",
          "components",
          "no component is above the horizon and within 90 deg of the phase centre");
    }
    CalibrationSolution sol =
        new StefcalSolver(params.solverParameters()).solve(data, model, antennas);
    VisibilityBlock corrected = GainApplier.correct(data, sol.table(), sol.chanToBlock());
    return new Result(
        sol,
        model,
        counted[0],
        residualRatio(data, model, params),
        residualRatio(corrected, model, params));
  }

  /**
   * Model visibilities of {@code sky} with {@code data}'s rows, channels and correlations: unit
   * weights, no flags. The beam (if any) is taken at the mean row time; components below the
   * horizon or more than 90 degrees from the phase centre are left out.
   */
  public static VisibilityBlock predictModel(
      VisibilityBlock data,
      List<CatalogueComponent> sky,
      MwaAnalyticBeam beam,
      GeodeticPosition site,
      int nThreads) {
    return predictModel(data, sky, beam, site, nThreads, new int[1]);
  }

  private static VisibilityBlock predictModel(
      VisibilityBlock data,
      List<CatalogueComponent> sky,
      MwaAnalyticBeam beam,
      GeodeticPosition site,
      int nThreads,
      int[] nComponents) {
    double tMid = Arrays.stream(data.timeMjdSec()).average().orElse(0);
    int nChan = data.nChan();
    int nPol = data.nPol();
    float[] vis = new float[2 * data.nRows() * nChan * nPol];
    ComponentPredictor predictor = new ComponentPredictor(nThreads);
    for (int c = 0; c < nChan; c++) {
      double f = data.freqHz()[c];
      // The DFT holds for components in front of the phase centre only (n > 0).
      List<SkyComponent> apparent =
          ApparentSky.at(sky, beam, tMid, site, f).stream()
              .filter(s -> DirectionCosines.lmn(s.raRad(), s.decRad(), data.phaseCentre())[2] > 0)
              .toList();
      nComponents[0] = Math.max(nComponents[0], apparent.size());
      VisibilityBlock one = data.selectChannels(c, c + 1);
      predictor.predict(one, apparent, null);
      float[] v = one.vis();
      for (int r = 0; r < data.nRows(); r++) {
        System.arraycopy(v, 2 * r * nPol, vis, 2 * data.index(r, c, 0), 2 * nPol);
      }
    }
    float[] weight = new float[data.nRows() * nChan * nPol];
    Arrays.fill(weight, 1f);
    return new VisibilityBlock(
        data.uMetres(),
        data.vMetres(),
        data.wMetres(),
        data.antenna1(),
        data.antenna2(),
        data.timeMjdSec(),
        data.integrationSec(),
        data.freqHz(),
        data.chanWidthHz(),
        data.pols(),
        vis,
        weight,
        new boolean[weight.length],
        data.phaseCentre());
  }

  /**
   * {@code sum |V - M|^2 / sum |M|^2} over unflagged, positively weighted cross-correlation samples
   * within the uv range of {@code params} (unweighted sums), NaN when no sample qualifies.
   */
  public static double residualRatio(
      VisibilityBlock data, VisibilityBlock model, MwaCalParameters params) {
    double res = 0;
    double pow = 0;
    float[] v = data.vis();
    float[] m = model.vis();
    for (int r = 0; r < data.nRows(); r++) {
      if (data.antenna1()[r] == data.antenna2()[r]) {
        continue;
      }
      double uvM = Math.hypot(data.uMetres()[r], data.vMetres()[r]);
      for (int c = 0; c < data.nChan(); c++) {
        double uvL = uvM * data.freqHz()[c] / VisibilityBlock.C;
        if (uvL < params.uvMinLambda() || uvL > params.uvMaxLambda()) {
          continue;
        }
        for (int p = 0; p < data.nPol(); p++) {
          int i = data.index(r, c, p);
          if (data.flag()[i] || !(data.weight()[i] > 0)) {
            continue;
          }
          double dr = v[2 * i] - m[2 * i];
          double di = v[2 * i + 1] - m[2 * i + 1];
          res += dr * dr + di * di;
          pow += (double) m[2 * i] * m[2 * i] + (double) m[2 * i + 1] * m[2 * i + 1];
        }
      }
    }
    return pow > 0 ? res / pow : Double.NaN;
  }
}
