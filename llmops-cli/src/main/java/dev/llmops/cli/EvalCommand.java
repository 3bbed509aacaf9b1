package dev.llmops.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code llmops eval}: scores detectors and guards on labelled files. */
@Command(name = "eval", mixinStandardHelpOptions = true, versionProvider = LlmopsCommand.Version.class,
    description = "Scores a detector or guard on a labelled JSONL file.",
    subcommands = {EvalPiiCommand.class, EvalGuardCommand.class})
final class EvalCommand implements Runnable {
  @Spec
  @SuppressWarnings("NullAway.Init")
  CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing what to evaluate: try 'llmops eval pii FILE.jsonl'"
        + " or 'llmops eval guard --kind injection FILE.jsonl'");
  }
}
