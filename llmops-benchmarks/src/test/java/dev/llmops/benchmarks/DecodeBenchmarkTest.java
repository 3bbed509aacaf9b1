package dev.llmops.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmops.api.LlmResponse;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Both sides of the decode benchmark produce the same greedy tokens, on both engines, alone and paired. */
class DecodeBenchmarkTest {

  @Test
  void bareAndPipelineGenerateTheSameTokens() {
    for (String engine : new String[] {"ONNX_RUNTIME", "PYTORCH"}) {
      DecodeBenchmark b = new DecodeBenchmark();
      b.engine = engine;
      b.batch = 2;
      b.setUp();
      try {
        DecodeBenchmark.Tokens bareCount = new DecodeBenchmark.Tokens();
        DecodeBenchmark.Tokens pipeCount = new DecodeBenchmark.Tokens();
        int[][] bare = b.bare(bareCount);
        List<LlmResponse> pipe = b.pipeline(pipeCount);
        assertThat(bareCount.tokens).isEqualTo(2L * DecodeBenchmark.NEW_TOKENS);
        assertThat(pipeCount.tokens).as(engine + ": no sequence ended early").isEqualTo(bareCount.tokens);
        byte[] bytes = new byte[DecodeBenchmark.NEW_TOKENS];
        for (int i = 0; i < bytes.length; i++) {
          bytes[i] = (byte) bare[1][i];
        }
        String bareText = new String(bytes, StandardCharsets.UTF_8);
        assertThat(pipe).allSatisfy(r -> assertThat(r.text()).as(engine).isEqualTo(bareText));
        assertThat(bare[0]).isEqualTo(bare[1]);
        assertThat(b.bare(bareCount)).as(engine + ": a second generation is the same")
            .isEqualTo(bare);
        DecodeBenchmark.Paired paired = new DecodeBenchmark.Paired();
        paired.reset();
        assertThat(b.paired(paired)).as(engine).allSatisfy(r -> assertThat(r.text()).isEqualTo(bareText));
        b.paired(paired); // the other order
        double[] overhead = paired.overhead();
        assertThat(overhead[0]).as(engine).isFinite().isGreaterThan(-100);
        assertThat(overhead[1]).as(engine).isFinite().isGreaterThan(-100);
      } finally {
        b.tearDown();
      }
    }
  }

  @Test
  void cpuTimeHarnessesRunOnBothEngines() throws Exception {
    String out = captured(() -> {
      DecodeStepCpuTime.main(new String[] {"BOTH", "20", "-", "16"}); // rows 16 slots short of the capacity
      DecodeStepCpuTime.main(new String[] {"ONNX_RUNTIME", "20", "-", "0", "1,32,64,96,128,160"});
      DecodeOverheadCpuTime.main(new String[] {"ONNX_RUNTIME", "1", "2"});
      DecodeOverheadCpuTime.main(new String[] {"PYTORCH", "1", "2"});
    });
    for (String engine : new String[] {"onnxruntime", "pytorch"}) {
      for (int cap : new int[] {32, 96, 160}) {
        assertThat(out).containsPattern(engine + " +capacity +" + cap + ", live +" + (cap - 16)
            + ": batch 1 [0-9.]+ ms/step .*: [0-9.]+x");
      }
    }
    assertThat(out).containsPattern("onnxruntime +capacity +1, live +1: batch 1 [0-9.]+ ms/step")
        .containsPattern("onnxruntime +a whole generation \\(127 steps, 10th percentiles\\): batch 1 [0-9.]+ ms, "
            + "batch 8 [0-9.]+ ms; batch 8 / batch 1 tokens per CPU second: [0-9.]+x");
    assertThat(out).containsPattern("ONNX_RUNTIME, batch 1, 2 rounds").containsPattern("PYTORCH, batch 1, 2 rounds")
        .containsPattern("bare loop: bare-loop/main [0-9.]+").containsPattern("pipeline: .*generator [0-9.]+");
  }

  interface Body {
    void run() throws Exception;
  }

  private static String captured(Body body) throws Exception {
    PrintStream old = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      body.run();
    } finally {
      System.setOut(old);
    }
    String out = bytes.toString(StandardCharsets.UTF_8);
    old.print(out);
    return out;
  }
}
