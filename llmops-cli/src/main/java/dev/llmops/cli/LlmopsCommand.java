package dev.llmops.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code llmops} command. {@code llmops run "prompt"} runs the quickstart pipeline on the deterministic
 * demo backend (not a language model) and reports what each stage did.
 *
 * <p>Exit codes: 0 ok, 1 blocked or failed, 2 usage error.
 *
 * @since 0.1
 */
@Command(name = "llmops", mixinStandardHelpOptions = true, versionProvider = LlmopsCommand.Version.class,
    description = "A production operations layer for language models: tokenize, ground, guard, infer, "
        + "post-process.",
    subcommands = {RunCommand.class, RedactCommand.class, GuardCommand.class, EvalCommand.class,
        PromptsCommand.class, CommandLine.HelpCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:ok", "1:blocked by a guard, or failed", "2:usage error"})
public final class LlmopsCommand implements Callable<Integer> {
  @Spec
  @SuppressWarnings("NullAway.Init")
  CommandSpec spec;

  /** Used by picocli. */
  public LlmopsCommand() {}

  /**
   * Runs the command and exits with its exit code.
   *
   * @param args the command-line arguments
   */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /**
   * The configured command line, for {@link #main} and for running it in-process.
   *
   * @return a new command line
   */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new LlmopsCommand());
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      // Never reached by pipeline failures (run reports those itself); a bug, so no message text.
      commandLine.getErr().println("llmops: internal error: " + ex.getClass().getName());
      if (parseResult.originalArgs().contains("--verbose") || parseResult.originalArgs().contains("-v")) {
        ex.printStackTrace(commandLine.getErr());
      }
      commandLine.getErr().flush();
      return RunCommand.BLOCKED_OR_FAILED;
    });
    cl.setParameterExceptionHandler((ex, args) -> {
      CommandLine c = ex.getCommandLine();
      PrintWriter err = c.getErr();
      err.println("llmops: " + ex.getMessage());
      CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
      err.print(c.getHelp().synopsis(0));
      err.printf("Try '%s --help' for more information.%n", c.getCommandSpec().qualifiedName());
      err.flush();
      return c.getCommandSpec().exitCodeOnInvalidInput();
    });
    return cl;
  }

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "Missing a command: try 'llmops run \"hello\"'");
  }

  /** The version, from the build. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      Properties p = new Properties();
      try (InputStream in = LlmopsCommand.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          p.load(in);
        }
      } catch (IOException e) {
        // fall through to "unknown"
      }
      return new String[] {
          "llmops " + p.getProperty("version", "unknown"),
          "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
    }
  }
}
