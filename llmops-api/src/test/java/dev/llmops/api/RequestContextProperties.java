package dev.llmops.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The context's attribute store behaves as a map keyed by key identity, under any sequence of writes. */
class RequestContextProperties {

  @Property(tries = 200)
  void attributesBehaveLikeAMapKeyedByIdentity(
      @ForAll @Size(max = 40) List<@IntRange(min = 0, max = 5) Integer> keyIndexes,
      @ForAll @Size(max = 40) List<Boolean> ifAbsent) {
    List<ContextKey<String>> keys = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      keys.add(ContextKey.of(i % 2 == 0 ? "same-name" : "k" + i, String.class)); // equal names, distinct keys
    }
    RequestContext context = RequestContext.create();
    Map<ContextKey<String>, String> model = new HashMap<>();
    for (int step = 0; step < keyIndexes.size(); step++) {
      ContextKey<String> key = keys.get(keyIndexes.get(step));
      String value = "v" + step;
      if (step < ifAbsent.size() && ifAbsent.get(step)) {
        String kept = model.putIfAbsent(key, value);
        assertThat(context.putIfAbsent(key, value)).isEqualTo(kept == null ? value : kept);
      } else {
        model.put(key, value);
        context.put(key, value);
      }
      for (ContextKey<String> k : keys) {
        assertThat(context.get(k)).isEqualTo(model.get(k));
      }
    }
    assertThat(context.toString()).endsWith("attributes=" + model.size() + "]");
  }

  @Test
  void builderAttributesAreThereAndConcurrentPutIfAbsentHasOneWinner() throws Exception {
    ContextKey<Integer> a = ContextKey.of("a", Integer.class);
    ContextKey<Integer> race = ContextKey.of("race", Integer.class);
    RequestContext context = RequestContext.builder().attribute(a, 1).build();
    assertThat(context.get(a)).isEqualTo(1);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Integer>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        int mine = i;
        results.add(pool.submit(() -> {
          go.await();
          return context.putIfAbsent(race, mine);
        }));
      }
      go.countDown();
      Integer winner = context.get(race);
      for (Future<Integer> f : results) {
        Integer seen = f.get(5, TimeUnit.SECONDS);
        assertThat(seen).isEqualTo(context.get(race));
        winner = seen;
      }
      assertThat(context.get(race)).isEqualTo(winner);
      assertThat(context.get(a)).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }
}
