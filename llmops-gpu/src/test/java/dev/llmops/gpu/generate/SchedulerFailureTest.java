package dev.llmops.gpu.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmops.api.BackendException;
import dev.llmops.api.FinishReason;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Engine failures inside a step give typed errors, and the generator keeps serving. */
class SchedulerFailureTest {

  /** Always predicts byte 'x'; a step fails once with the planted error. */
  static final class FailingEngine implements DecodeEngine {
    final AtomicReference<RuntimeException> plant = new AtomicReference<>();

    @Override
    public String device() {
      return "cpu";
    }

    @Override
    public boolean hasCache() {
      return true;
    }

    @Override
    public boolean hasPlain() {
      return false;
    }

    @Override
    public float[] plainLogits(int[] tokens) {
      throw new UnsupportedOperationException();
    }

    @Override
    public long[] deviceMemory() {
      return null;
    }

    @Override
    public void close() {}

    static float[] x() {
      float[] l = new float[257];
      l['x'] = 1;
      return l;
    }

    @Override
    public Batch newBatch() {
      return new Batch() {
        int size;

        @Override
        public int size() {
          return size;
        }

        @Override
        public float[] join(int[] prompt) {
          size++;
          return x();
        }

        @Override
        public long bytes() {
          return size * 1024L;
        }

        @Override
        public void remove(int row) {
          size--;
        }

        @Override
        public float[][] step(int[] tokens, long[] positions) {
          RuntimeException e = plant.getAndSet(null);
          if (e != null) {
            throw new EngineFailure(e);
          }
          float[][] out = new float[tokens.length][];
          for (int i = 0; i < out.length; i++) {
            out[i] = x();
          }
          return out;
        }

        @Override
        public void close() {
          size = 0;
        }
      };
    }
  }

  static CompletableFuture<String> submit(Scheduler s, int max) {
    CompletableFuture<String> f = new CompletableFuture<>();
    s.submit(new Sequence(new int[] {'a'}, 256, max, new Sampler(null, null, null, null, 257), List.of(),
        new TokenCodec.Bytes(), 256, new Sequence.Sink() {
          @Override
          public void text(String delta) {}

          @Override
          public void done(String text, FinishReason reason, int in, int out) {
            f.complete(text);
          }

          @Override
          public void failed(RuntimeException error) {
            f.completeExceptionally(error);
          }
        }));
    return f;
  }

  @Test
  void outOfMemoryIsTypedAndTheNextRequestSucceeds() throws Exception {
    FailingEngine engine = new FailingEngine();
    try (Scheduler s = new Scheduler("t", engine, true, 4, Duration.ZERO, 8)) {
      engine.plant.set(new RuntimeException("CUDA out of memory. Tried to allocate 2.00 GiB"));
      CompletableFuture<String> failed = submit(s, 5);
      assertThatThrownBy(() -> failed.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(DeviceOutOfMemoryException.class)
          .cause().hasMessageContaining("out of memory on cpu at batch size 1").isInstanceOf(DeviceOutOfMemoryException.class);
      assertThat(submit(s, 5).get(30, TimeUnit.SECONDS)).isEqualTo("xxxxx");
    }
  }

  @Test
  void anotherEngineErrorIsABackendExceptionWithoutItsMessage() throws Exception {
    FailingEngine engine = new FailingEngine();
    try (Scheduler s = new Scheduler("t", engine, true, 4, Duration.ZERO, 8)) {
      engine.plant.set(new IllegalStateException("shape mismatch near 'secret prompt'"));
      CompletableFuture<String> failed = submit(s, 5);
      assertThatThrownBy(() -> failed.get(30, TimeUnit.SECONDS)).cause().isInstanceOf(BackendException.class)
          .hasMessageContaining("IllegalStateException").hasMessageNotContaining("secret");
      assertThat(submit(s, 3).get(30, TimeUnit.SECONDS)).isEqualTo("xxx");
    }
  }
}
