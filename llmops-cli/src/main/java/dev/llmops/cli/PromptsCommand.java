package dev.llmops.cli;

import dev.llmops.api.LlmopsException;
import dev.llmops.api.spi.LabelMove;
import dev.llmops.api.spi.LabelTarget;
import dev.llmops.api.spi.PromptLabel;
import dev.llmops.api.spi.PromptStore;
import dev.llmops.api.spi.PromptVersion;
import dev.llmops.core.prompt.PromptDraft;
import dev.llmops.core.prompt.PromptRegistry;
import dev.llmops.core.prompt.PromptTemplate;
import dev.llmops.core.prompt.Prompts;
import dev.llmops.jdbc.JdbcPromptStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code llmops prompts}: the prompt registry from the command line, against a directory of prompt files
 * ({@code --store}) or a database ({@code --jdbc}).
 */
@Command(name = "prompts", mixinStandardHelpOptions = true, versionProvider = LlmopsCommand.Version.class,
    description = "Manage registered prompts: versions, labels, rollback, diff, backup.",
    subcommands = {PromptsCommand.ListCmd.class, PromptsCommand.Show.class, PromptsCommand.Push.class,
        PromptsCommand.Label.class, PromptsCommand.Rollback.class, PromptsCommand.Diff.class,
        PromptsCommand.Export.class, PromptsCommand.Import.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:ok", "1:failed (unknown prompt, conflict, store error)", "2:usage error"})
final class PromptsCommand implements Callable<Integer> {
  static final int FAILED = 1;

  @Spec
  @SuppressWarnings("NullAway.Init")
  CommandSpec spec;

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(),
        "Missing a command: list, show, push, label, rollback, diff, export or import");
  }

  /** The store options and the shared error handling of every subcommand. */
  abstract static class Base implements Callable<Integer> {
    @Spec
    @SuppressWarnings("NullAway.Init")
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    @SuppressWarnings("NullAway.Init")
    StoreGroup where;

    static final class StoreGroup {
      @Option(names = "--store", paramLabel = "DIR",
          description = "A directory of prompt files (one YAML or JSON file per prompt).")
      @Nullable Path dir;

      @Option(names = "--jdbc", paramLabel = "URL",
          description = "A JDBC URL: jdbc:h2:file:/path/prompts or jdbc:postgresql://host/db?user=u&password=p")
      @Nullable String url;
    }

    @Option(names = "--table-prefix", paramLabel = "PREFIX", defaultValue = "llmops_",
        description = "Table name prefix of a JDBC store (default: ${DEFAULT-VALUE}).")
    String prefix = "llmops_";

    PrintWriter out() {
      return spec.commandLine().getOut();
    }

    PromptStore store() {
      if (where.dir != null) {
        return Prompts.files(where.dir);
      }
      return JdbcPromptStore.builder().url(where.url).tablePrefix(prefix).build();
    }

    PromptRegistry registry(PromptStore store) {
      return PromptRegistry.builder().store(store).build();
    }

    abstract void run() throws IOException;

    @Override
    public Integer call() {
      try {
        run();
        out().flush();
        return 0;
      } catch (LlmopsException | IllegalArgumentException e) {
        out().flush();
        PrintWriter err = spec.commandLine().getErr();
        err.println("llmops prompts " + spec.name() + ": " + e.getMessage());
        err.flush();
        return FAILED;
      } catch (IOException e) {
        out().flush();
        PrintWriter err = spec.commandLine().getErr();
        err.println("llmops prompts " + spec.name() + ": cannot read or write a file: " + e.getClass().getName());
        err.flush();
        return FAILED;
      }
    }
  }

  static String author(@Nullable String given) {
    if (given != null) {
      return given;
    }
    String user = System.getProperty("user.name");
    return user == null || user.isBlank() ? "unknown" : user;
  }

  static String targets(List<PromptLabel> labels) {
    StringBuilder s = new StringBuilder();
    for (PromptLabel l : labels) {
      s.append(s.length() == 0 ? "" : " ").append(l.label()).append('=').append(l.target());
    }
    return s.toString();
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List prompts: newest version and labels.")
  static final class ListCmd extends Base {
    @Override
    void run() {
      PromptStore store = store();
      for (String name : store.names()) {
        List<PromptLabel> labels = store.labels(name);
        out().println(name + "\tv" + store.latestVersion(name) + (labels.isEmpty() ? "" : "\t" + targets(labels)));
      }
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "Show one version: metadata, then the template.")
  static final class Show extends Base {
    @Parameters(index = "0", paramLabel = "REF", description = "name, name@label or name@version")
    String ref = "";

    @Option(names = "--history", description = "Also print every audited label move.")
    boolean history;

    @Option(names = "--key", paramLabel = "KEY", description = "Routing key for a split label (user or conversation id).")
    @Nullable String key;

    @Override
    void run() {
      PromptStore store = store();
      PromptTemplate t = registry(store).get(ref, key);
      PromptVersion v = t.source();
      PrintWriter out = out();
      out.println("prompt:     " + v.name() + "@" + v.version());
      out.println("hash:       " + v.contentHash());
      out.println("author:     " + v.author());
      out.println("created:    " + v.createdAt());
      out.println("message:    " + v.message());
      out.println("tags:       " + String.join(", ", v.tags()));
      out.println("parameters: " + v.parameters());
      out.println("variables:  " + v.variables());
      out.println("labels:     " + targets(store.labels(v.name())));
      if (history) {
        for (LabelMove m : store.history(v.name())) {
          out.println("moved:      " + m.label() + " " + (m.from() == null ? "(new)" : m.from()) + " -> " + m.to()
              + " by " + m.author() + " at " + m.at() + " (revision " + m.revision() + ")");
        }
      }
      out.println("---");
      out.print(v.template());
      if (!v.template().endsWith("\n")) {
        out.println();
      }
    }
  }

  @Command(name = "push", mixinStandardHelpOptions = true,
      description = "Add a version from a template file (unchanged content adds nothing).")
  static final class Push extends Base {
    @Parameters(index = "0", paramLabel = "NAME", description = "The prompt's name.")
    String name = "";

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", required = true,
        description = "The template file, or - for standard input.")
    String file = "";

    @Option(names = {"-m", "--message"}, paramLabel = "TEXT", defaultValue = "", description = "Why.")
    String message = "";

    @Option(names = "--author", paramLabel = "WHO", description = "Who (default: the user name).")
    @Nullable String author;

    @Option(names = {"-p", "--param"}, paramLabel = "KEY=VALUE",
        description = "A model parameter: model, temperature, top_p, top_k, max_output_tokens, seed, stop.")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = {"-t", "--tag"}, paramLabel = "TAG", description = "A tag; repeatable.")
    List<String> tags = new ArrayList<>();

    @Option(names = "--expect-latest", paramLabel = "N",
        description = "Fail unless the newest version is N (0 for a new prompt).")
    @Nullable Integer expectLatest;

    @Override
    void run() throws IOException {
      byte[] bytes = file.equals("-") ? System.in.readAllBytes() : Files.readAllBytes(Path.of(file));
      String template = new String(bytes, StandardCharsets.UTF_8);
      PromptStore store = store();
      int before = store.latestVersion(name);
      PromptDraft draft = new PromptDraft(template, author(author), message, params, tags);
      PromptRegistry r = registry(store);
      PromptVersion v = expectLatest == null ? r.push(name, draft) : r.push(name, draft, expectLatest);
      out().println((v.version() > before ? "pushed " : "unchanged ") + v.name() + "@" + v.version() + " "
          + v.contentHash().substring(0, 12) + " variables " + v.variables().keySet());
    }
  }

  @Command(name = "label", mixinStandardHelpOptions = true,
      description = "Point a label at a version, or split it: 3=90,4=10.")
  static final class Label extends Base {
    @Parameters(index = "0", paramLabel = "NAME", description = "The prompt's name.")
    String name = "";

    @Parameters(index = "1", paramLabel = "LABEL", description = "The label, such as production.")
    String label = "";

    @Parameters(index = "2", paramLabel = "TARGET", description = "A version (3) or weighted versions (3=90,4=10).")
    String target = "";

    @Option(names = "--author", paramLabel = "WHO", description = "Who (default: the user name).")
    @Nullable String author;

    @Option(names = "--expect-revision", paramLabel = "N",
        description = "Fail unless the label is at revision N (0 if unset).")
    @Nullable Long expectRevision;

    @Override
    void run() {
      PromptStore store = store();
      LabelTarget t = LabelTarget.parse(target);
      LabelMove m;
      if (expectRevision == null) {
        m = registry(store).label(name, label, t, author(author));
      } else {
        m = store.moveLabel(name, label, expectRevision, t, author(author));
      }
      out().println(describe(m));
    }
  }

  static String describe(LabelMove m) {
    return "moved " + m.name() + "@" + m.label() + " " + (m.from() == null ? "(new)" : m.from()) + " -> " + m.to()
        + " (revision " + m.revision() + ")";
  }

  @Command(name = "rollback", mixinStandardHelpOptions = true,
      description = "Move a label back to where it pointed before its last move.")
  static final class Rollback extends Base {
    @Parameters(index = "0", paramLabel = "NAME", description = "The prompt's name.")
    String name = "";

    @Parameters(index = "1", paramLabel = "LABEL", description = "The label.")
    String label = "";

    @Option(names = "--author", paramLabel = "WHO", description = "Who (default: the user name).")
    @Nullable String author;

    @Override
    void run() {
      out().println(describe(registry(store()).rollback(name, label, author(author))));
    }
  }

  @Command(name = "diff", mixinStandardHelpOptions = true,
      description = "Compare two versions: parameters, variables and template lines.")
  static final class Diff extends Base {
    @Parameters(index = "0", paramLabel = "FROM", description = "name@version or name@label")
    String from = "";

    @Parameters(index = "1", paramLabel = "TO", description = "name@version, name@label, or just a version or label of the same prompt")
    String to = "";

    @Override
    void run() {
      PromptRegistry r = registry(store());
      PromptVersion a = r.get(from).source();
      PromptVersion b = r.get(to.contains("@") ? to : a.name() + "@" + to).source();
      PrintWriter out = out();
      out.println("--- " + a.name() + "@" + a.version());
      out.println("+++ " + b.name() + "@" + b.version());
      mapDiff(out, "parameter", a.parameters(), b.parameters());
      mapDiff(out, "variable", a.variables(), b.variables());
      for (String line : Diffs.lines(a.template(), b.template())) {
        out.println(line);
      }
    }

    private static void mapDiff(PrintWriter out, String what, Map<String, String> a, Map<String, String> b) {
      TreeSet<String> keys = new TreeSet<>(a.keySet());
      keys.addAll(b.keySet());
      for (String k : keys) {
        String x = a.get(k);
        String y = b.get(k);
        if (x == null) {
          out.println("+" + what + " " + k + "=" + y);
        } else if (y == null) {
          out.println("-" + what + " " + k + "=" + x);
        } else if (!x.equals(y)) {
          out.println("-" + what + " " + k + "=" + x);
          out.println("+" + what + " " + k + "=" + y);
        }
      }
    }
  }

  @Command(name = "export", mixinStandardHelpOptions = true,
      description = "Write every prompt (versions, labels, audit trail) as one JSON backup.")
  static final class Export extends Base {
    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "The backup file (default: standard output).")
    @Nullable Path file;

    @Override
    void run() throws IOException {
      PromptStore store = store();
      if (file == null) {
        OutputStream stdout = new java.io.ByteArrayOutputStream();
        Prompts.exportTo(store, stdout);
        out().println(stdout.toString());
      } else {
        try (OutputStream o = Files.newOutputStream(file)) {
          Prompts.exportTo(store, o);
        }
        out().println("exported " + store.names().size() + " prompts to " + file);
      }
    }
  }

  @Command(name = "import", mixinStandardHelpOptions = true,
      description = "Read a JSON backup: add missing versions, move labels; checked before anything is written.")
  static final class Import extends Base {
    @Parameters(index = "0", paramLabel = "FILE", description = "The backup file, or - for standard input.")
    String file = "";

    @Option(names = "--author", paramLabel = "WHO", description = "Who (default: the user name).")
    @Nullable String author;

    @Override
    void run() throws IOException {
      Prompts.ImportResult r;
      try (InputStream in = file.equals("-") ? System.in : Files.newInputStream(Path.of(file))) {
        r = Prompts.importFrom(store(), in, author(author));
      }
      out().println("imported " + r.prompts() + " prompts: " + r.versionsAdded() + " versions added, "
          + r.labelsMoved() + " labels moved");
    }
  }
}
