package org.radiospark.kernels.mwacal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.radiospark.kernels.calibration.CalibrationSolution;
import org.radiospark.kernels.calibration.GainApplier;
import org.radiospark.kernels.io.GainTableFits;
import org.radiospark.kernels.model.AntennaConfiguration;
import org.radiospark.kernels.model.GainTable;
import org.radiospark.kernels.model.InvalidInputException;
import org.radiospark.kernels.model.VisibilityBlock;

/**
 * Calibration solutions on disk and their application.
 *
 * <p>Format: the project's gain table FITS ({@link GainTableFits}: a {@code GAINS} binary table,
 * one row per (interval, channel block, antenna) with the 2x2 Jones in double precision, antenna
 * names, the channel range and band edges of each block and free keywords), chosen over a
 * hyperdrive-style solutions file because it round-trips exactly, astropy and TOPCAT open it, and
 * the rest of RadioSpark (ical) already reads it. Extra keywords written here: {@code CALTYPE}
 * (FULL/DIAGONAL), {@code UVMIN}, {@code UVMAX} (wavelengths), {@code SKYMODEL} (file name), {@code
 * NCOMP}, {@code BEAM} and {@code RESBEF}/{@code RESAFT} (residual-to-model power ratios).
 *
 * <p>Application: each channel of the data takes the block whose band edges contain its centre
 * frequency (else the block nearest in frequency); a table with a single solution interval applies
 * at every time (solutions of a calibrator observation applied to a target, as GLEAM-X does), a
 * table with several intervals by time. Samples whose solution is flagged or singular are flagged.
 */
public final class SolutionsFile {
  private SolutionsFile() {}

  /**
   * Writes {@code result} for data with {@code data}'s channels and {@code antennas}, atomically.
   *
   * @param extra additional header keywords (upper case, at most 8 characters)
   */
  public static void write(
      Path file,
      MwaCalibrator.Result result,
      VisibilityBlock data,
      AntennaConfiguration antennas,
      Map<String, String> extra,
      boolean overwrite)
      throws IOException {
    CalibrationSolution sol = result.solution();
    GainTableFits.Metadata meta =
        GainTableFits.Metadata.none()
            .withAntennaNames(List.of(printable(antennas.names())))
            .withChannelBlocks(data.freqHz(), data.chanWidthHz(), sol.chanToBlock())
            .withKeyword("CALTYPE", sol.parameters().mode().name())
            .withKeyword("UVMIN", Double.toString(sol.parameters().uvMinLambda()))
            .withKeyword("UVMAX", Double.toString(sol.parameters().uvMaxLambda()))
            .withKeyword("NCOMP", Integer.toString(result.nComponents()))
            .withKeyword("RESBEF", Double.toString(result.residualRatioBefore()))
            .withKeyword("RESAFT", Double.toString(result.residualRatioAfter()));
    for (Map.Entry<String, String> e : extra.entrySet()) {
      meta = meta.withKeyword(e.getKey(), e.getValue());
    }
    GainTableFits.write(sol.table(), meta, file, overwrite);
  }

  private static String[] printable(String[] names) {
    String[] out = new String[names.length];
    for (int a = 0; a < names.length; a++) {
      String n = names[a] == null ? "" : names[a].replaceAll("[^!-~]", "_");
      out[a] = n.isEmpty() ? "ANT" + a : n;
    }
    return out;
  }

  /**
   * The channel block of each channel of {@code data} under {@code contents}: the block whose band
   * edges hold the channel centre, else the block of nearest frequency.
   *
   * @throws InvalidInputException if the table has no block with a frequency
   */
  public static int[] chanToBlock(String file, GainTableFits.Contents contents, double[] freqHz) {
    GainTable t = contents.table();
    double[] lo = contents.metadata().freqLoHz();
    double[] hi = contents.metadata().freqHiHz();
    double[] bf = t.blockFreqHz();
    int[] map = new int[freqHz.length];
    for (int c = 0; c < freqHz.length; c++) {
      int best = -1;
      if (lo != null) {
        for (int b = 0; b < lo.length && best < 0; b++) {
          if (freqHz[c] >= lo[b] && freqHz[c] < hi[b]) {
            best = b;
          }
        }
      }
      if (best < 0) {
        double d = Double.POSITIVE_INFINITY;
        for (int b = 0; b < bf.length; b++) {
          if (Double.isFinite(bf[b]) && Math.abs(bf[b] - freqHz[c]) < d) {
            d = Math.abs(bf[b] - freqHz[c]);
            best = b;
          }
        }
      }
      if (best < 0) {
        throw new InvalidInputException(file, "FREQ", "no solution block has a frequency");
      }
      map[c] = best;
    }
    return map;
  }

  /**
   * A copy of {@code data} corrected by the solutions in {@code file}: {@code J_p^-1 V J_q^-H}.
   *
   * @throws InvalidInputException if the file is not a gain table or its antennas do not cover the
   *     data's
   */
  public static VisibilityBlock apply(Path file, VisibilityBlock data) throws IOException {
    GainTableFits.Contents contents = GainTableFits.readWithMetadata(file);
    GainTable t = contents.table();
    int maxAnt = -1;
    for (int r = 0; r < data.nRows(); r++) {
      maxAnt = Math.max(maxAnt, Math.max(data.antenna1()[r], data.antenna2()[r]));
    }
    if (maxAnt >= t.nAnt()) {
      throw new InvalidInputException(
          file.toString(),
          "NANT",
          "the solutions cover " + t.nAnt() + " antennas, the data use antenna index " + maxAnt);
    }
    if (t.nSlots() == 1) {
      t =
          new GainTable(
              t.type(),
              t.nAnt(),
              new double[] {Double.NEGATIVE_INFINITY},
              new double[] {Double.POSITIVE_INFINITY},
              t.blockFreqHz(),
              t.jones(),
              t.flagged(),
              t.refAnt());
    }
    int[] map = chanToBlock(file.toString(), contents, data.freqHz());
    return GainApplier.correct(data, t, map);
  }

  /** The keywords stored with the solutions (a convenience for reports and tests). */
  public static Map<String, String> keywords(Path file) throws IOException {
    return GainTableFits.readWithMetadata(file).metadata().keywords();
  }
}
