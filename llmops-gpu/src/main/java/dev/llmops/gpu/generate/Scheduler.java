package dev.llmops.gpu.generate;

import dev.llmops.api.BackendException;
import dev.llmops.api.BackendUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Continuous batching on one thread: between decode steps, waiting sequences join the batch (their prompts
 * run apart from it, those of one length as one engine call where the engine can, then their cache rows
 * are appended) and finished or cancelled ones leave it. Each step feeds
 * every active sequence one token.
 */
final class Scheduler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);

  private final String backendId;
  private final DecodeEngine engine;
  private final boolean useCache;
  private final int maxBatch;
  private final long maxWaitNanos;
  private final int queueCapacity;
  private final ArrayBlockingQueue<Sequence> queue;
  private final List<Sequence> active = new ArrayList<>();
  private final Thread thread;
  private volatile long cacheBytes;
  private final AtomicLong steps = new AtomicLong();
  private final AtomicLong batchedTokens = new AtomicLong();
  private volatile int activeCount;
  private volatile boolean running = true;
  private DecodeEngine.Batch batch;
  // a step's inputs, reused while the batch keeps its size (the engine reads them during the call only)
  private int[] tokens = new int[0];
  private long[] positions = new long[0];

  Scheduler(String backendId, DecodeEngine engine, boolean useCache, int maxBatch, Duration maxWait,
      int queueCapacity) {
    this.backendId = backendId;
    this.engine = engine;
    this.useCache = useCache;
    this.maxBatch = maxBatch;
    this.maxWaitNanos = maxWait.toNanos();
    this.queueCapacity = queueCapacity;
    this.queue = new ArrayBlockingQueue<>(queueCapacity);
    this.batch = useCache ? engine.newBatch() : null;
    this.thread = new Thread(this::loop, "llmops-generate-" + backendId);
    thread.setDaemon(true);
    thread.start();
  }

  void submit(Sequence s) {
    if (!running) {
      throw new BackendUnavailableException(backendId, 0, "closed", null);
    }
    if (!queue.offer(s)) {
      throw new GeneratorOverloadedException(backendId, queueCapacity);
    }
  }

  int queued() {
    return queue.size();
  }

  int active() {
    return activeCount;
  }

  long steps() {
    return steps.get();
  }

  long batchedTokens() {
    return batchedTokens.get();
  }

  long cacheBytes() {
    return cacheBytes;
  }

  private void loop() {
    try {
      engine.onGeneratorThread();
      while (running) {
        if (active.isEmpty()) {
          Sequence first = queue.poll(100, TimeUnit.MILLISECONDS);
          if (first == null) {
            continue;
          }
          List<Sequence> joining = new ArrayList<>();
          joining.add(first);
          long deadline = System.nanoTime() + maxWaitNanos;
          while (joining.size() < maxBatch) {
            long left = deadline - System.nanoTime();
            Sequence next = left <= 0 ? queue.poll() : queue.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) {
              break;
            }
            joining.add(next);
          }
          joinAll(joining);
        } else if (active.size() < maxBatch) {
          Sequence next = queue.poll(); // between steps: no list unless someone is waiting
          if (next != null) {
            List<Sequence> joining = new ArrayList<>();
            joining.add(next);
            while (active.size() + joining.size() < maxBatch && (next = queue.poll()) != null) {
              joining.add(next);
            }
            joinAll(joining);
          }
        }
        leave();
        if (!active.isEmpty()) {
          step();
          leave();
        }
        activeCount = active.size();
        cacheBytes = useCache ? batch.bytes() : 0;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      BackendUnavailableException closed = new BackendUnavailableException(backendId, 0, "closed", null);
      active.forEach(s -> s.fail(closed));
      active.clear();
      for (Sequence s; (s = queue.poll()) != null; ) {
        s.fail(closed);
      }
      if (batch != null) {
        batch.close();
      }
      activeCount = 0;
      cacheBytes = 0;
    }
  }

  /**
   * Joins waiting sequences: with the cache, prompts of the same length run as one batch (one engine call
   * for a burst of similar requests), the others one by one.
   */
  private void joinAll(List<Sequence> joining) {
    List<Sequence> live = new ArrayList<>();
    for (Sequence s : joining) {
      if (!s.isCancelled()) {
        live.add(s);
      }
    }
    if (!useCache || live.size() < 2) {
      live.forEach(this::join);
      return;
    }
    java.util.Map<Integer, List<Sequence>> byLength = new java.util.LinkedHashMap<>();
    for (Sequence s : live) {
      byLength.computeIfAbsent(s.promptLength, k -> new ArrayList<>()).add(s);
    }
    for (List<Sequence> group : byLength.values()) {
      if (group.size() == 1) {
        join(group.get(0));
        continue;
      }
      int[][] prompts = new int[group.size()][];
      for (int i = 0; i < prompts.length; i++) {
        prompts[i] = group.get(i).prefix();
      }
      int before = batch.size();
      float[][] logits;
      try {
        logits = batch.joinAll(prompts);
      } catch (EngineFailure e) {
        while (batch.size() > before) { // rows that were added: drop them
          batch.remove(batch.size() - 1);
        }
        RuntimeException error = translate(e, group.size());
        group.forEach(s -> s.fail(error));
        continue;
      }
      active.addAll(group);
      for (int i = 0; i < prompts.length; i++) {
        Sequence s = group.get(i);
        try {
          s.accept(logits[i]);
        } catch (RuntimeException e) { // a sink that throws: the sequence ends, its row leaves at the next step
          s.fail(e);
          LOG.warn("generator {}: a sequence failed while joining ({})", backendId, e.getClass().getSimpleName());
        }
      }
    }
  }

  private void join(Sequence s) {
    if (s.isCancelled()) {
      return;
    }
    try {
      float[] logits = useCache ? batch.join(s.prefix()) : engine.plainLogits(s.prefix());
      active.add(s);
      s.accept(logits);
    } catch (EngineFailure e) {
      if (useCache && batch.size() > active.size()) { // the row was added: drop it
        batch.remove(batch.size() - 1);
      }
      s.fail(translate(e, 1));
    } catch (RuntimeException e) {
      active.remove(s);
      s.fail(e);
      LOG.warn("generator {}: a sequence failed while joining ({})", backendId, e.getClass().getSimpleName());
    }
  }

  /** Drops finished and cancelled sequences (and their cache rows), last row first. */
  private void leave() {
    for (int i = active.size() - 1; i >= 0; i--) {
      Sequence s = active.get(i);
      if (s.isFinished() || s.isCancelled()) {
        active.remove(i);
        if (useCache) {
          batch.remove(i);
        }
      }
    }
  }

  private void step() {
    int b = active.size();
    steps.incrementAndGet();
    batchedTokens.addAndGet(b);
    try {
      if (useCache) {
        if (tokens.length != b) {
          tokens = new int[b];
          positions = new long[b];
        }
        for (int i = 0; i < b; i++) {
          Sequence s = active.get(i);
          tokens[i] = s.lastToken();
          positions[i] = s.lastPosition();
        }
        float[][] logits = batch.step(tokens, positions);
        for (int i = 0; i < b; i++) {
          active.get(i).accept(logits[i]);
        }
      } else {
        for (Sequence s : active) {
          s.accept(engine.plainLogits(s.prefix()));
        }
      }
    } catch (EngineFailure e) {
      RuntimeException error = translate(e, b);
      LOG.warn("generator {}: step of {} sequences failed ({}); the batch is dropped", backendId, b,
          error.getClass().getSimpleName());
      active.forEach(s -> s.fail(error));
      active.clear();
      if (useCache) {
        batch.close();
        batch = engine.newBatch();
      }
    } catch (RuntimeException e) { // a sink that throws: fail everything in this step, keep serving
      active.forEach(s -> s.fail(e));
      active.clear();
      if (useCache) {
        batch.close();
        batch = engine.newBatch();
      }
    }
  }

  private RuntimeException translate(EngineFailure e, int batchSize) {
    if (e.isOutOfMemory()) {
      return new DeviceOutOfMemoryException(backendId, engine.device(), batchSize, e.getCause());
    }
    return new BackendException(backendId, 0, "engine error (" + e.getMessage() + ")", e.getCause());
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
