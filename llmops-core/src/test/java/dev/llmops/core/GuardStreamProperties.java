package dev.llmops.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmops.api.GuardResult;
import dev.llmops.api.LlmChunk;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.RequestContext;
import dev.llmops.api.spi.OutputGuard;
import dev.llmops.test.FakeBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

class GuardStreamProperties {

  /** Counts the characters it has passed. */
  static final class Counting implements OutputGuard {
    final AtomicInteger passed = new AtomicInteger();

    @Override
    public String name() {
      return "counting";
    }

    @Override
    public GuardResult check(String text, LlmRequest request, RequestContext context) {
      passed.addAndGet(text.length());
      return GuardResult.allow(name());
    }
  }

  @Property(tries = 200)
  void nothingReachesTheSubscriberBeforeTheGuardPassedIt(
      @ForAll @StringLength(min = 1, max = 300) String words, @ForAll @IntRange(min = 1, max = 8) int tokens,
      @ForAll boolean sentenceWindow) {
    String answer = words.replace('\u0000', ' ') + " end.";
    Counting guard = new Counting();
    LlmPipeline p = LlmPipeline.builder().outputGuard(guard)
        .outputGuardWindow(sentenceWindow ? StreamWindow.sentence(16) : StreamWindow.tokens(tokens))
        .backend(FakeBackend.builder().thenAnswer(answer).build()).build();
    StringBuilder seen = new StringBuilder();
    List<Integer> violations = new ArrayList<>();
    p.stream(LlmRequest.of("x")).subscribe(new Flow.Subscriber<LlmChunk>() {
      @Override
      public void onSubscribe(Flow.Subscription s) {
        s.request(Long.MAX_VALUE);
      }

      @Override
      public void onNext(LlmChunk item) {
        seen.append(item.text());
        if (seen.length() > guard.passed.get()) {
          violations.add(seen.length());
        }
      }

      @Override
      public void onError(Throwable t) {
        violations.add(-1);
      }

      @Override
      public void onComplete() {}
    });
    assertThat(violations).isEmpty();
    assertThat(seen.toString()).isEqualTo(answer);
    assertThat(guard.passed.get()).isEqualTo(answer.length());
  }
}
