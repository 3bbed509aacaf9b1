package dev.llmops.benchmarks;

import dev.llmops.api.GenerationParameters;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.RequestContext;
import dev.llmops.gpu.generate.DeviceChoice;
import dev.llmops.gpu.generate.Engine;
import dev.llmops.gpu.generate.LocalBackend;
import dev.llmops.gpu.generate.LocalModel;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What a {@link LocalBackend}'s first request leaves behind: six backends on the same model, two each whose
 * first request is {@link DecodeBenchmark}'s burst of {@code batch} prompts, one prompt of one token, or one
 * prompt of eight tokens (those two with one new token, so the session's first run is a single row).
 * Then rounds of that burst run on all six, in rotating order, and the tool prints each backend's
 * generator-thread CPU per token and the medians [quartiles] of the per-round ratios to the first backend.
 *
 * <pre>java -cp llmops-benchmarks/target/benchmarks.jar dev.llmops.benchmarks.DecodeFirstRunCpuTime ONNX_RUNTIME 8 100</pre>
 */
public final class DecodeFirstRunCpuTime {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private DecodeFirstRunCpuTime() {}

  /**
   * Loads the backends, runs the rounds and prints the ratios.
   *
   * @param args the engine ({@code ONNX_RUNTIME} or {@code PYTORCH}), the batch, the measured rounds
   * @throws Exception when a request fails
   */
  public static void main(String[] args) throws Exception {
    Engine engine = Engine.valueOf(args.length > 0 ? args[0] : "ONNX_RUNTIME");
    int batch = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    int rounds = Math.max(4, args.length > 2 ? Integer.parseInt(args[2]) : 60);
    Path dir = DecodeBenchmark.copyModel();
    String[] label = {"burst first", "one token first", "one 8-token prompt first", "burst first",
        "one token first", "one 8-token prompt first"};
    LocalBackend[] backends = new LocalBackend[label.length];
    ExecutorService pool = Executors.newFixedThreadPool(batch);
    LlmRequest burst = LlmRequest.builder().user(DecodeBenchmark.PROMPT)
        .parameters(GenerationParameters.builder().maxOutputTokens(DecodeBenchmark.NEW_TOKENS).build()).build();
    LlmRequest single = LlmRequest.builder().user("A")
        .parameters(GenerationParameters.builder().maxOutputTokens(1).build()).build();
    LlmRequest eight = LlmRequest.builder().user("And it c")
        .parameters(GenerationParameters.builder().maxOutputTokens(1).build()).build();
    try {
      for (int k = 0; k < backends.length; k++) {
        LocalModel model = LocalModel.builder().directory(dir).engine(engine).device(DeviceChoice.CPU)
            .threads(DecodeBenchmark.THREADS).build();
        backends[k] = LocalBackend.builder(model).id("first-run-" + k).maxBatchSize(batch)
            .maxWait(Duration.ofSeconds(1)).build();
        if (k % 3 == 1) {
          backends[k].call(single, RequestContext.create());
        } else if (k % 3 == 2) {
          backends[k].call(eight, RequestContext.create());
        }
      }
      for (int w = 0; w < 4; w++) {
        for (LocalBackend b : backends) {
          burst(b, burst, batch, pool);
        }
      }
      long[] sum = new long[backends.length];
      double[][] ratio = new double[backends.length][rounds];
      for (int i = 0; i < rounds; i++) {
        long[] cpu = new long[backends.length];
        for (int j = 0; j < backends.length; j++) {
          int k = (i + j) % backends.length;
          String thread = "llmops-generate-first-run-" + k;
          long before = cpu(thread);
          burst(backends[k], burst, batch, pool);
          cpu[k] = cpu(thread) - before;
          sum[k] += cpu[k];
        }
        for (int k = 0; k < backends.length; k++) {
          ratio[k][i] = (double) cpu[k] / cpu[0];
        }
      }
      double tokens = (double) rounds * batch * DecodeBenchmark.NEW_TOKENS;
      System.out.printf(Locale.ROOT, "%s, batch %d, %d rounds: generator CPU per token, and its ratio to backend 0"
          + " (median [quartiles] of the rounds)%n", engine, batch, rounds);
      for (int k = 0; k < backends.length; k++) {
        double[] r = ratio[k].clone();
        Arrays.sort(r);
        System.out.printf(Locale.ROOT, "  backend %d (%s): %.1f us; %.3f [%.3f, %.3f]%n", k, label[k],
            sum[k] / 1e3 / tokens, r[rounds / 2], r[rounds / 4], r[(3 * rounds) / 4]);
      }
    } finally {
      pool.shutdownNow();
      for (LocalBackend b : backends) {
        if (b != null) {
          b.close();
        }
      }
    }
  }

  private static void burst(LocalBackend b, LlmRequest request, int batch, ExecutorService pool)
      throws Exception {
    List<Future<?>> calls = new ArrayList<>(batch);
    for (int i = 0; i < batch; i++) {
      calls.add(pool.submit(() -> b.call(request, RequestContext.create())));
    }
    for (Future<?> f : calls) {
      f.get();
    }
  }

  private static long cpu(String threadName) {
    for (long id : THREADS.getAllThreadIds()) {
      ThreadInfo info = THREADS.getThreadInfo(id);
      if (info != null && info.getThreadName().equals(threadName)) {
        return THREADS.getThreadCpuTime(id);
      }
    }
    throw new IllegalStateException("no thread " + threadName);
  }
}
