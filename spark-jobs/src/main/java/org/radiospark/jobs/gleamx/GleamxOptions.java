package org.radiospark.jobs.gleamx;

import java.io.Serializable;
import java.util.List;

/**
 * Everything {@code radiospark gleamx} needs. Serializable: it travels to the tasks in the closure.
 *
 * @param snapshots the snapshot table ({@link SnapshotList})
 * @param outDir one folder per snapshot is made in here, plus {@code gleamx-summary.json}
 * @param preprocessArgs extra arguments of the {@code preprocess} step (raw snapshots only)
 * @param flagArgs extra arguments of the {@code flag} step
 * @param skymodel sky model (hyperdrive YAML or GLEAM VOTable) for the {@code calibrate} and {@code
 *     apply} steps; null to image the flagged data as they are
 * @param calibrateArgs extra arguments of the {@code calibrate} step
 * @param imageArgs arguments of the {@code image} step (size, scale, weighting, CLEAN)
 * @param catalogue reference catalogue (CSV or GLEAM VOTable) for {@code postimage} and {@code
 *     rescale}; null to stop after {@code image}
 * @param postimageArgs extra arguments of the {@code postimage} step
 * @param attempts tries per snapshot before it is reported as failed
 * @param resume skip snapshots whose folder is complete
 * @param overwrite replace snapshot folders that exist
 */
public record GleamxOptions(
    String snapshots,
    String outDir,
    List<String> preprocessArgs,
    List<String> flagArgs,
    String skymodel,
    List<String> calibrateArgs,
    List<String> imageArgs,
    String catalogue,
    List<String> postimageArgs,
    int attempts,
    boolean resume,
    boolean overwrite)
    implements Serializable {

  /** The summary file of a finished snapshot folder; its presence marks the folder complete. */
  public static final String SUMMARY = "summary.json";

  public GleamxOptions {
    preprocessArgs = List.copyOf(preprocessArgs);
    flagArgs = List.copyOf(flagArgs);
    calibrateArgs = List.copyOf(calibrateArgs);
    imageArgs = List.copyOf(imageArgs);
    postimageArgs = List.copyOf(postimageArgs);
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1: " + attempts);
    }
  }
}
