package dev.llmops.core.langchain4j;

import dev.llmops.api.LlmChunk;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;

/** A subscriber that requests nothing on its own and opens a latch on its first chunk. */
final class LatchingSubscriber implements Flow.Subscriber<LlmChunk> {
  final List<LlmChunk> chunks = new CopyOnWriteArrayList<>();
  final CountDownLatch firstChunk = new CountDownLatch(1);
  final CountDownLatch subscribed = new CountDownLatch(1);
  final AtomicInteger terminalSignals = new AtomicInteger();
  private volatile Flow.Subscription subscription;

  Flow.Subscription subscription() {
    return subscription;
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    subscribed.countDown();
  }

  @Override
  public void onNext(LlmChunk item) {
    chunks.add(item);
    firstChunk.countDown();
  }

  @Override
  public void onError(Throwable throwable) {
    terminalSignals.incrementAndGet();
  }

  @Override
  public void onComplete() {
    terminalSignals.incrementAndGet();
  }
}
