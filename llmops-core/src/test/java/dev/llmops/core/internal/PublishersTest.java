package dev.llmops.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class PublishersTest {

  static final class Probe<T> implements Flow.Subscriber<T> {
    final List<T> items = new CopyOnWriteArrayList<>();
    final AtomicReference<@Nullable Throwable> error = new AtomicReference<>();
    final AtomicInteger completions = new AtomicInteger();
    volatile Flow.@Nullable Subscription subscription;

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
    }

    @Override
    public void onNext(T item) {
      items.add(item);
    }

    @Override
    public void onError(Throwable t) {
      error.set(t);
    }

    @Override
    public void onComplete() {
      completions.incrementAndGet();
    }
  }

  @Test
  void pushPublisherStartsOnFirstRequestAndBuffersBeyondDemand() {
    AtomicInteger starts = new AtomicInteger();
    PushPublisher<Integer> p = new PushPublisher<>(sink -> {
      starts.incrementAndGet();
      for (int i = 0; i < 5; i++) {
        sink.next(i);
      }
      sink.complete();
    });
    Probe<Integer> probe = new Probe<>();
    p.subscribe(probe);
    assertThat(starts).hasValue(0);
    probe.subscription.request(2);
    assertThat(starts).hasValue(1);
    assertThat(probe.items).containsExactly(0, 1);
    assertThat(probe.completions).hasValue(0);
    probe.subscription.request(3);
    assertThat(probe.items).containsExactly(0, 1, 2, 3, 4);
    assertThat(probe.completions).hasValue(1);
  }

  @Test
  void pushPublisherRunsTheCancelHookAndDropsLaterItems() {
    AtomicReference<PushPublisher.Sink<Integer>> sinkRef = new AtomicReference<>();
    AtomicInteger stopped = new AtomicInteger();
    PushPublisher<Integer> p = new PushPublisher<>(sink -> {
      sink.onCancel(stopped::incrementAndGet);
      sinkRef.set(sink);
    });
    Probe<Integer> probe = new Probe<>();
    p.subscribe(probe);
    probe.subscription.request(10);
    sinkRef.get().next(1);
    probe.subscription.cancel();
    sinkRef.get().next(2);
    sinkRef.get().complete();
    assertThat(probe.items).containsExactly(1);
    assertThat(stopped).hasValue(1);
    assertThat(sinkRef.get().isCancelled()).isTrue();
    assertThat(probe.completions).hasValue(0);
  }

  @Test
  void pushPublisherRejectsNonPositiveRequestsAndSecondSubscribers() {
    PushPublisher<Integer> p = new PushPublisher<>(sink -> sink.next(1));
    Probe<Integer> probe = new Probe<>();
    p.subscribe(probe);
    probe.subscription.request(0);
    assertThat(probe.error.get()).isInstanceOf(IllegalArgumentException.class);
    Probe<Integer> second = new Probe<>();
    p.subscribe(second);
    assertThat(second.error.get()).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void chunkTransformReplacesDroppedItemsAndHoldsTheTrailingItemForDemand() {
    PushPublisher<Integer> source = new PushPublisher<>(sink -> {
      for (int i = 1; i <= 6; i++) {
        sink.next(i);
      }
      sink.complete();
    });
    ChunkTransform<Integer, String> evens = new ChunkTransform<>(source, () -> new ChunkTransform.Step<>() {
      int sum;

      @Override
      public @Nullable String onNext(Integer item) {
        sum += item;
        return item % 2 == 0 ? "e" + item : null;
      }

      @Override
      public String onComplete() {
        return "sum" + sum;
      }
    });
    Probe<String> probe = new Probe<>();
    evens.subscribe(probe);
    probe.subscription.request(1);
    assertThat(probe.items).containsExactly("e2");
    probe.subscription.request(2);
    assertThat(probe.items).containsExactly("e2", "e4", "e6");
    assertThat(probe.completions).as("the trailing item waits for demand").hasValue(0);
    probe.subscription.request(1);
    assertThat(probe.items).containsExactly("e2", "e4", "e6", "sum21");
    assertThat(probe.completions).hasValue(1);
  }

  @Test
  void chunkTransformStepFailureCancelsUpstreamAndSignalsOnce() {
    AtomicInteger cancelled = new AtomicInteger();
    PushPublisher<Integer> source = new PushPublisher<>(sink -> {
      sink.onCancel(cancelled::incrementAndGet);
      sink.next(1);
      sink.next(2);
      sink.complete();
    });
    ChunkTransform<Integer, Integer> failing = new ChunkTransform<>(source, () -> item -> {
      if (item == 2) {
        throw new IllegalStateException("step failed");
      }
      return item;
    });
    Probe<Integer> probe = new Probe<>();
    failing.subscribe(probe);
    probe.subscription.request(10);
    assertThat(probe.items).containsExactly(1);
    assertThat(probe.error.get()).hasMessage("step failed");
    assertThat(probe.completions).hasValue(0);
    assertThat(cancelled).hasValue(1);
  }
}
