package org.radiospark.jobs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.radiospark.jobs.config.OutputSet;
import org.radiospark.jobs.ical.plan.CostReport;
import org.radiospark.jobs.ical.plan.IcalCostEstimate;
import org.radiospark.jobs.ical.plan.IcalCostModel;
import org.radiospark.jobs.ical.plan.IcalDimensions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code radiospark plan}: cost models of pipelines, computed from their dimensions alone (no data,
 * no Spark). Sub-command {@code ical}: see {@link Ical}.
 */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = "Cost model of a pipeline from its dimensions alone (no data, no Spark).",
    subcommands = {PlanCommand.Ical.class})
public final class PlanCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a pipeline is required: ical");
  }

  /** The JSON form of an estimate (indented; reads back with {@link #readJson}). */
  public static ObjectMapper jsonMapper() {
    return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  }

  /** Reads an estimate written by {@code plan ical --json}. */
  public static IcalCostEstimate readJson(Path file) throws IOException {
    return jsonMapper().readValue(file.toFile(), IcalCostEstimate.class);
  }

  /**
   * {@code radiospark plan ical}: per stage of the ICAL loop, tasks, input/output/shuffle bytes,
   * memory per task and flops, for the partitioner and the cogroup strategies, printed as a table
   * and optionally written as JSON ({@link IcalCostModel} states every assumption).
   */
  @Command(
      name = "ical",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      description = {
        "Cost of the ICAL loop per stage for the partitioner and cogroup strategies.",
        "Example (the paper's SKA1-MID configuration):",
        "  radiospark plan ical --baselines 19306 --channels 8192 --pols 4 --times 36"
      })
  public static final class Ical implements Callable<Integer> {
    private static final Pattern FACETS = Pattern.compile("(\\d+)x(\\d+)");

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--baselines", required = true, description = "Baselines per time sample.")
    long baselines;

    @Option(names = "--channels", required = true, description = "Frequency channels.")
    int channels;

    @Option(names = "--pols", required = true, description = "Polarisations (1-4).")
    int pols;

    @Option(names = "--times", required = true, description = "Time samples.")
    int times;

    @Option(
        names = "--freq-partitions",
        paramLabel = "P",
        description = "Frequency partitions (default: executors x cores, at most channels).")
    Integer freqPartitions;

    @Option(names = "--facets", paramLabel = "NxM", description = "Facet grid (2x2).")
    String facets = "2x2";

    @Option(names = "--image-size", paramLabel = "PIXELS", description = "Image size (8192).")
    int imageSize = 8192;

    @Option(names = "--nmajor", paramLabel = "N", description = "Major loops (9).")
    int nMajor = 9;

    @Option(
        names = "--components",
        paramLabel = "C",
        description = "Sky-model components, also minor iterations per loop (1000).")
    int components = 1000;

    @Option(names = "--epsilon", description = "Gridder accuracy (1e-5).")
    double epsilon = 1e-5;

    @Option(names = "--executors", paramLabel = "E", description = "Spark executors (8).")
    int executors = 8;

    @Option(names = "--cores", paramLabel = "C", description = "Cores per executor (4).")
    int cores = 4;

    @Option(names = "--json", paramLabel = "OUT.json", description = "Also write the estimate.")
    Path json;

    @Option(names = "--overwrite", description = "Replace an existing --json file.")
    boolean overwrite;

    @Override
    public Integer call() throws IOException {
      IcalDimensions d = dimensions();
      IcalCostEstimate e;
      try {
        e = IcalCostModel.estimate(d);
      } catch (IllegalArgumentException ex) {
        throw new RadioSparkCli.BadOptionException(ex.getMessage());
      }
      if (json != null) {
        try (OutputSet outputs = new OutputSet(overwrite)) {
          Path tmp = outputs.stage(json);
          outputs.createDirectories();
          try (var out = Files.newOutputStream(tmp)) {
            jsonMapper().writeValue(out, e);
          }
          outputs.commit();
        }
      }
      spec.commandLine().getOut().print(CostReport.table(e));
      spec.commandLine().getOut().flush();
      return ExitCodes.OK;
    }

    private IcalDimensions dimensions() {
      Matcher m = FACETS.matcher(facets.toLowerCase(Locale.ROOT).strip());
      if (!m.matches()) {
        throw new RadioSparkCli.BadOptionException(
            "--facets must look like 2x2 (NX x NY facets): " + facets);
      }
      try {
        IcalDimensions.Builder b =
            IcalDimensions.builder(baselines, channels, pols, times)
                .facets(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)))
                .imageSize(imageSize)
                .nMajor(nMajor)
                .components(components)
                .epsilon(epsilon)
                .cluster(executors, cores);
        if (freqPartitions != null) {
          b.freqPartitions(freqPartitions);
        }
        return b.build();
      } catch (IllegalArgumentException ex) {
        throw new RadioSparkCli.BadOptionException(ex.getMessage());
      }
    }
  }
}
