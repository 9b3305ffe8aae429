package org.radiospark.jobs.ical;

import java.io.Serializable;

/**
 * Everything {@code radiospark ical} needs, validated by the command line. Serializable: Spark
 * ships it to the tasks, which build their kernel parameters from it ({@link IcalSettings}).
 *
 * @param input UVFITS file
 * @param prefix output file prefix (WSClean's {@code -name})
 * @param nx image width, pixels
 * @param ny image height, pixels
 * @param cellRad pixel size, radians
 * @param nmajor major loops (each: predict, [solve], correct, subtract, grid, deconvolve)
 * @param nselfcal loops that solve for gains, from the second loop on (the first has no model)
 * @param facetsX facets across x
 * @param facetsY facets across y
 * @param freqPartitions frequency partitions (Spark partitions of the visibilities)
 * @param freqBlocks frequency blocks (keys; gain solutions are per block and solution interval);
 *     independent of the partitions, so that results do not depend on how many there are
 * @param solintSec solution interval, seconds; 0 for the whole observation
 * @param calType {@code phase}, {@code diagonal} or {@code full}
 * @param strategy {@code partitioner} or {@code cogroup}
 * @param niter CLEAN components over all loops
 * @param gain minor-loop gain
 * @param mgain major-loop gain (fraction of the peak cleaned per loop)
 * @param autoThreshold stop cleaning at this many robust sigma (0 = off)
 * @param autoMask first clean everywhere to this many robust sigma, then only where components were
 *     placed, down to {@code autoThreshold} (WSClean's {@code -auto-mask}; 0 = off)
 * @param thresholdJy absolute stopping threshold, Jy/beam
 * @param multiscale multi-scale CLEAN rather than Hogbom
 * @param epsilon gridder accuracy
 * @param wCorrection w-gridding on
 * @param threads threads per task; 0 = from Spark's configuration
 * @param refAnt reference antenna (0-based)
 * @param skymodel component CSV predicted by DFT as the initial (bright) sky model, or null
 * @param compactRadiusPx radius, pixels, within which isolated clusters of CLEAN components are
 *     predicted as one point at their centroid ({@link
 *     org.radiospark.kernels.selfcal.ModelCompaction}); 0 = predict the pixels as they are
 * @param resume start from the last completed major loop of {@code PREFIX-checkpoint/} (when there
 *     is one) and replace the outputs
 * @param overwrite replace existing outputs
 */
public record IcalOptions(
    String input,
    String prefix,
    int nx,
    int ny,
    double cellRad,
    int nmajor,
    int nselfcal,
    int facetsX,
    int facetsY,
    int freqPartitions,
    int freqBlocks,
    double solintSec,
    String calType,
    String strategy,
    long niter,
    double gain,
    double mgain,
    double autoThreshold,
    double autoMask,
    double thresholdJy,
    boolean multiscale,
    double epsilon,
    boolean wCorrection,
    int threads,
    int refAnt,
    String skymodel,
    double compactRadiusPx,
    boolean resume,
    boolean overwrite)
    implements Serializable {

  /** The partitioner strategy: visibilities partitioned by frequency once, facets re-keyed. */
  public static final String PARTITIONER = "partitioner";

  /** The paper's strategy: visibilities joined with model and gains by key every loop. */
  public static final String COGROUP = "cogroup";
}
