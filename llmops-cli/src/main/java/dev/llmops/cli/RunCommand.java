package dev.llmops.cli;

import dev.llmops.api.GuardResult;
import dev.llmops.api.LlmChunk;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.LlmopsException;
import dev.llmops.api.RequestContext;
import dev.llmops.api.UnknownModelException;
import dev.llmops.core.Backends;
import dev.llmops.core.LlmPipeline;
import dev.llmops.core.Tokenizers;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code llmops run PROMPT}: runs the quickstart pipeline once and reports the answer and what each stage
 * did. Exit codes: 0 answered, 1 blocked or failed, 2 usage error.
 */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = LlmopsCommand.Version.class,
    sortOptions = false,
    description = {
        "Runs a prompt through the quickstart pipeline (normalise and count tokens, fit the context window,"
            + " a toy keyword guard, then the backend) and prints the answer and what each stage did.",
        "",
        "The backend is the deterministic demo backend: it echoes the prompt and is NOT a language model."
            + " Real models come with later work."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:answered", "1:blocked by a guard, or failed", "2:usage error"})
final class RunCommand implements Callable<Integer> {
  static final int OK = 0;
  static final int BLOCKED_OR_FAILED = 1;

  @Spec
  @SuppressWarnings("NullAway.Init")
  CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "PROMPT",
      description = "The prompt; several words are joined with spaces.")
  List<String> prompt = new ArrayList<>();

  @Option(names = "--stream", description = "Stream the answer, printing chunks as they come.")
  boolean stream;

  @Option(names = "--system", paramLabel = "TEXT", description = "A system message before the prompt.")
  @Nullable String system;

  @Option(names = "--tenant", paramLabel = "ID", description = "The tenant the request is made for.")
  @Nullable String tenant;

  @Option(names = "--model", paramLabel = "MODEL", defaultValue = "gpt-4o",
      description = "The model family whose tokenizer counts tokens (default: ${DEFAULT-VALUE}).")
  String model = "gpt-4o";

  @Option(names = "--max-input-tokens", paramLabel = "N", defaultValue = "8192",
      description = "The context window's input limit; older turns are dropped past it, and a request "
          + "that still does not fit fails (default: ${DEFAULT-VALUE}).")
  int maxInputTokens = 8192;

  @Option(names = "--deny", paramLabel = "WORD", split = ",", defaultValue = "jailbreak",
      description = "Words the toy keyword guard blocks (a demonstration rule, not a real guard); "
          + "comma-separated or repeated (default: ${DEFAULT-VALUE}).")
  List<String> deny = new ArrayList<>();

  @Option(names = "--no-guard", description = "Run without the toy keyword guard.")
  boolean noGuard;

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  boolean json;

  @Option(names = {"-v", "--verbose"}, description = "Print stack traces of failures.")
  boolean verbose;

  @Override
  public Integer call() {
    String text = String.join(" ", prompt);
    if (text.isBlank()) {
      throw new ParameterException(spec.commandLine(), "PROMPT must not be empty");
    }
    if (maxInputTokens < 1) {
      throw new ParameterException(spec.commandLine(), "--max-input-tokens must be >= 1, not " + maxInputTokens);
    }
    try {
      Tokenizers.forModel(model);
    } catch (UnknownModelException e) {
      throw new ParameterException(spec.commandLine(), "--model: " + e.getMessage());
    }
    if (tenant != null && tenant.isBlank()) {
      throw new ParameterException(spec.commandLine(), "--tenant must not be blank");
    }

    StageRecorder recorder = new StageRecorder();
    Report report = new Report(recorder);
    try {
      LlmPipeline pipeline = DemoPipeline.create(model, maxInputTokens, noGuard ? List.of() : deny, recorder);
      LlmRequest.Builder request = LlmRequest.builder();
      if (system != null) {
        request.system(system);
      }
      LlmRequest req = request.user(text).build();
      RequestContext.Builder context = RequestContext.builder();
      if (tenant != null) {
        context.tenant(tenant);
      }
      report.response = stream ? stream(pipeline, req, context.build(), report) : pipeline.call(req, context.build());
    } catch (LlmopsException e) {
      report.error = e;
    }
    return report.print();
  }

  private LlmResponse stream(LlmPipeline pipeline, LlmRequest request, RequestContext context, Report report) {
    PrintWriter out = spec.commandLine().getOut();
    if (!json) {
      out.println(header());
      out.println();
      out.println("Answer (streamed; chunks separated by |):");
      out.print("  ");
      out.flush();
    }
    CompletableFuture<LlmResponse> done = new CompletableFuture<>();
    pipeline.stream(request, context).subscribe(new Flow.Subscriber<LlmChunk>() {
      @Override
      public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
      }

      @Override
      public void onNext(LlmChunk chunk) {
        if (!chunk.text().isEmpty()) {
          report.chunks.add(chunk.text());
          if (!json) {
            out.print((report.chunks.size() > 1 ? "|" : "") + chunk.text());
            out.flush();
          }
        }
        LlmResponse completion = chunk.completion();
        if (completion != null) {
          done.complete(completion);
        }
      }

      @Override
      public void onError(Throwable error) {
        done.completeExceptionally(error);
      }

      @Override
      public void onComplete() {
        done.completeExceptionally(new IllegalStateException("the stream ended without a last chunk"));
      }
    });
    try {
      return done.get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof LlmopsException le) {
        throw le;
      }
      throw new IllegalStateException("the stream failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("the stream did not finish in 60 s", e);
    } finally {
      if (!json) {
        out.println();
        out.printf("  (%d chunks)%n", report.chunks.size());
      }
    }
  }

  private String header() {
    return "Backend: " + Backends.demo().info().id() + ", " + DemoPipeline.BACKEND_NOTE + "."
        + (tenant == null ? "" : System.lineSeparator() + "Tenant: " + tenant);
  }

  /** Collects the outcome and prints it as text or JSON. */
  private final class Report {
    final StageRecorder recorder;
    final List<String> chunks = new ArrayList<>();
    @Nullable LlmResponse response;
    @Nullable LlmopsException error;

    Report(StageRecorder recorder) {
      this.recorder = recorder;
    }

    int print() {
      LlmResponse r = response;
      LlmopsException e = error;
      int code = e != null || (r != null && r.isBlocked()) ? BLOCKED_OR_FAILED : OK;
      if (json) {
        printJson(r, e);
      } else {
        printText(r);
      }
      PrintWriter err = spec.commandLine().getErr();
      if (e != null) {
        err.println("llmops: failed: " + e.getMessage() + " (" + e.getClass().getSimpleName() + ")");
        if (verbose) {
          e.printStackTrace(err);
        } else {
          err.println("llmops: run with --verbose for the stack trace");
        }
      } else if (r != null && r.isBlocked()) {
        err.println("llmops: blocked: " + describeBlock(r));
      }
      err.flush();
      spec.commandLine().getOut().flush();
      return code;
    }

    private void printText(@Nullable LlmResponse r) {
      PrintWriter out = spec.commandLine().getOut();
      if (!stream) {
        out.println(header());
        out.println();
        out.println("Answer:");
        if (r == null) {
          out.println("  (none: the request failed)");
        } else if (r.isBlocked()) {
          out.println("  (none: blocked by " + describeBlock(r) + ")");
        } else {
          out.println("  " + r.text());
        }
      } else if (r != null && r.isBlocked()) {
        out.println("  (blocked by " + describeBlock(r) + ")");
      }
      out.println();
      List<StageRecorder.StageRecord> stages = recorder.records();
      out.println("Stages, in the order the request passed them (time includes the stages inside; "
          + "self excludes them):");
      int width = 5;
      for (StageRecorder.StageRecord s : stages) {
        width = Math.max(width, s.name().length());
      }
      out.printf("  %-2s %-" + width + "s  %-12s %10s %10s  %s%n", "#", "stage", "kind", "time", "self",
          "what it recorded");
      int i = 1;
      for (StageRecorder.StageRecord s : stages) {
        out.printf("  %-2d %-" + width + "s  %-12s %10s %10s  %s%n", i++, s.name(),
            s.kind().name().toLowerCase(Locale.ROOT), millis(s.nanos()), millis(s.selfNanos()), facts(s));
      }
      out.println("  (a fresh JVM: the first request's times include class loading)");
      if (stream) {
        out.println("  (streaming: a stage's time is the time it took to open the stream; its metadata "
            + "arrives with the last chunk)");
      }
      if (r != null) {
        out.println();
        if (stream && !r.metadata().isEmpty()) {
          out.println("Metadata of the completed stream: " + join(r.metadata()));
        }
        out.printf("Finish: %s; usage: %d input, %d output tokens (the demo backend reports none: these are the"
            + " tokenizer's counts)%n", r.finishReason(), r.usage().inputTokens(), r.usage().outputTokens());
      }
      out.flush();
    }

    private void printJson(@Nullable LlmResponse r, @Nullable LlmopsException e) {
      Map<String, Object> root = new LinkedHashMap<>();
      Map<String, Object> backend = new LinkedHashMap<>();
      backend.put("id", Backends.demo().info().id());
      backend.put("language_model", false);
      backend.put("note", DemoPipeline.BACKEND_NOTE);
      root.put("backend", backend);
      root.put("tenant", tenant);
      root.put("ok", e == null && r != null && !r.isBlocked());
      if (r != null) {
        root.put("blocked", r.isBlocked());
        root.put("finish_reason", r.finishReason().name());
        root.put("answer", r.text());
        Map<String, Object> usage = new LinkedHashMap<>();
        usage.put("input_tokens", r.usage().inputTokens());
        usage.put("output_tokens", r.usage().outputTokens());
        usage.put("note", "the demo backend reports no usage: these are the tokenize stage's counts");
        root.put("usage", usage);
        root.put("metadata", r.metadata());
        root.put("guards", guardsJson(r.guardResults()));
      }
      if (stream) {
        root.put("streamed", true);
        root.put("chunks", chunks);
      }
      List<Object> stages = new ArrayList<>();
      for (StageRecorder.StageRecord s : recorder.records()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", s.name());
        m.put("kind", s.kind().name().toLowerCase(Locale.ROOT));
        m.put("duration_us", micros(s.nanos()));
        m.put("self_us", micros(s.selfNanos()));
        m.put("outcome", s.outcome());
        m.put("metadata", s.metadata());
        m.put("guards", guardsJson(s.guards()));
        stages.add(m);
      }
      root.put("stages", stages);
      if (e != null) {
        Map<String, Object> err = new LinkedHashMap<>();
        err.put("type", e.getClass().getSimpleName());
        err.put("message", e.getMessage());
        err.put("retriable", e.isRetriable());
        root.put("error", err);
      }
      PrintWriter out = spec.commandLine().getOut();
      out.println(Json.write(root));
      out.flush();
    }
  }

  private static List<Object> guardsJson(List<GuardResult> guards) {
    List<Object> out = new ArrayList<>();
    for (GuardResult g : guards) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("guard", g.guard());
      m.put("verdict", g.verdict().name());
      m.put("action", g.action().name());
      m.put("category", g.category());
      m.put("reason", g.reason());
      out.add(m);
    }
    return out;
  }

  private static String describeBlock(LlmResponse r) {
    for (GuardResult g : r.guardResults()) {
      if (g.blocks()) {
        return "guard '" + g.guard() + "'" + (g.category() == null ? "" : " (" + g.category() + ")")
            + (g.reason().isEmpty() ? "" : ": " + g.reason());
      }
    }
    return "a guard";
  }

  private static String facts(StageRecorder.StageRecord s) {
    List<String> parts = new ArrayList<>();
    if (!s.outcome().equals("ok")) {
      parts.add("[" + s.outcome() + "]");
    }
    for (GuardResult g : s.guards()) {
      parts.add("guard " + g.guard() + "=" + g.verdict() + (g.category() == null ? "" : " (" + g.category() + ")"));
    }
    if (!s.metadata().isEmpty()) {
      parts.add(join(s.metadata()));
    }
    return parts.isEmpty() ? "-" : String.join("; ", parts);
  }

  private static String join(Map<String, String> metadata) {
    List<String> kv = new ArrayList<>();
    metadata.forEach((k, v) -> kv.add(k + "=" + v));
    return String.join(", ", kv);
  }

  private static String millis(long nanos) {
    return nanos < 0 ? "-" : String.format(Locale.ROOT, "%.3f ms", nanos / 1e6);
  }

  private static long micros(long nanos) {
    return nanos < 0 ? -1 : nanos / 1000;
  }
}
