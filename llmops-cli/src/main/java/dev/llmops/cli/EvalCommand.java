package dev.llmops.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code llmops eval}: scores guards and detectors on labelled data. */
@Command(name = "eval", mixinStandardHelpOptions = true, versionProvider = LlmopsCommand.Version.class,
    description = "Scores guards and detectors on labelled JSON Lines files.",
    subcommands = {EvalGuardCommand.class})
final class EvalCommand implements Callable<Integer> {
  @Spec
  @SuppressWarnings("NullAway.Init")
  CommandSpec spec;

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "Missing what to evaluate: try 'llmops eval guard --help'");
  }
}
