package org.radiospark.jobs.cli;

import java.io.PrintWriter;
import org.radiospark.kernels.model.InvalidInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code bin/radiospark}: one sub-command per pipeline step.
 *
 * <p>Exit status: 0 on success, 2 for bad input (one line naming file, field and expectation), 1
 * for any other failure.
 */
@Command(
    name = "radiospark",
    mixinStandardHelpOptions = true,
    version = "RadioSpark 0.1.0",
    description = "Radio-astronomy pipelines on Apache Spark.",
    subcommands = {
      SimulateCommand.class,
      ImageCommand.class,
      IcalCommand.class,
      PlanCommand.class,
      RmSynth1dCommand.class,
      PreprocessCommand.class,
      CalibrateCommand.class,
      ApplyCommand.class,
      PulsarCommand.class,
      FlagCommand.class,
      GleamxCommand.class,
      ImportCommand.class,
      PostimageCommand.class,
      RescaleCommand.class,
      SpectralCommand.class,
      SimulateVcsCommand.class,
      RepackCommand.class,
      BeamformCommand.class,
      QaAggregateCommand.class,
      BenchCommand.class
    })
public final class RadioSparkCli implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a sub-command is required");
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns the exit status (for tests and the launcher). */
  public static int execute(String... args) {
    return execute(null, null, args);
  }

  /** As {@link #execute(String...)} with the command's output and error streams replaced. */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new RadioSparkCli());
    if (out != null) {
      cli.setOut(out);
    }
    if (err != null) {
      cli.setErr(err);
    }
    cli.setExecutionExceptionHandler(RadioSparkCli::handleFailure);
    cli.setParameterExceptionHandler(
        (ex, a) -> {
          ex.getCommandLine()
              .getErr()
              .println(
                  "radiospark: "
                      + ex.getMessage()
                      + " (see 'radiospark "
                      + commandPath(ex.getCommandLine())
                      + " --help')");
          return ExitCodes.BAD_INPUT;
        });
    return cli.execute(args);
  }

  private static String commandPath(CommandLine cl) {
    return cl.getCommandSpec().qualifiedName(" ").replaceFirst("^radiospark ?", "");
  }

  private static int handleFailure(
      Exception ex, CommandLine cl, CommandLine.ParseResult parseResult) {
    Throwable cause = ex;
    while (cause != null) {
      if (cause instanceof InvalidInputException || cause instanceof BadOptionException) {
        cl.getErr().println("radiospark: " + cause.getMessage());
        return ExitCodes.BAD_INPUT;
      }
      cause = cause.getCause();
    }
    cl.getErr().println("radiospark: failed: " + ex);
    ex.printStackTrace(cl.getErr());
    return ExitCodes.FAILURE;
  }

  /** An option value that is well-formed but not acceptable (exit status 2). */
  public static final class BadOptionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BadOptionException(String message) {
      super(message);
    }
  }
}
