package org.radiospark.kernels.simulation;

import java.util.List;
import java.util.Objects;
import org.radiospark.kernels.model.AntennaConfiguration;
import org.radiospark.kernels.model.GainTable;
import org.radiospark.kernels.model.SkyComponent;
import org.radiospark.kernels.model.VisibilityBlock;

/**
 * The result of {@link Simulator#simulate}: the visibilities (no autocorrelations) and the truth
 * they were made from.
 *
 * @param visibilities simulated data, rows time-major then baselines (p < q) in antenna order
 * @param configuration the array
 * @param trueGains the Jones matrices the data were corrupted with (one slot, one channel block)
 * @param components the sky
 * @param parameters the simulation parameters
 */
public record SimulatedObservation(
    VisibilityBlock visibilities,
    AntennaConfiguration configuration,
    GainTable trueGains,
    List<SkyComponent> components,
    SimulationParameters parameters) {
  public SimulatedObservation {
    Objects.requireNonNull(visibilities, "visibilities");
    Objects.requireNonNull(configuration, "configuration");
    Objects.requireNonNull(trueGains, "trueGains");
    Objects.requireNonNull(parameters, "parameters");
    components = List.copyOf(components);
  }
}
