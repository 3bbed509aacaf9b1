package dev.llmops.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmops.api.PromptConflictException;
import dev.llmops.api.PromptNotFoundException;
import dev.llmops.api.spi.LabelMove;
import dev.llmops.api.spi.LabelTarget;
import dev.llmops.api.spi.PromptLabel;
import dev.llmops.api.spi.PromptStore;
import dev.llmops.api.spi.PromptVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link PromptStore} must keep. Extend it, implement {@link #createStore()}, and the
 * tests run against your implementation:
 *
 * <pre>{@code
 * class MyPromptStoreContractTest extends PromptStoreContractTest {
 *   @Override protected PromptStore createStore() { return new MyPromptStore(...); }
 * }
 * }</pre>
 *
 * <p>Persistent stores should also override {@link #reopen} (a new instance over the same data) so that
 * every write is checked to survive, and {@link #otherWriter} (a second instance over the same data) so
 * that optimistic concurrency is checked between instances, not only between threads.
 *
 * @since 0.1
 */
public abstract class PromptStoreContractTest {
  private static final String TEMPLATE = "Réponds à {{question}}\n  en français ✓ {{#items}}- {{.}}\n{{/items}}";

  /**
   * A new, empty store. Called once per test.
   *
   * @return the store
   * @throws Exception if it cannot be created
   */
  protected abstract PromptStore createStore() throws Exception;

  /**
   * A new instance over the same data as {@code store}, as after a restart. The default returns
   * {@code store} itself, for stores that keep nothing.
   *
   * @param store the store
   * @return the reopened store
   * @throws Exception if it cannot be opened
   */
  protected PromptStore reopen(PromptStore store) throws Exception {
    return store;
  }

  /**
   * A second writer over the same data as {@code store}, as another process would be. The default
   * returns {@code store} itself.
   *
   * @param store the store
   * @return the other writer
   * @throws Exception if it cannot be opened
   */
  protected PromptStore otherWriter(PromptStore store) throws Exception {
    return store;
  }

  /**
   * A version for the tests.
   *
   * @param name the prompt's name
   * @param number the version number
   * @param template the template
   * @return the version
   */
  protected static PromptVersion version(String name, int number, String template) {
    return PromptVersion.of(name, number, template, "ann", Instant.parse("2026-01-02T03:04:05.678Z"),
        "change " + number, Map.of("temperature", "0.2", "model", "m-" + number),
        Map.of("question", "text", "items", "list"), List.of("support", "v" + number));
  }

  @Test
  void anEmptyStoreKnowsNothing() throws Exception {
    PromptStore store = createStore();
    assertThat(store.names()).isEmpty();
    assertThat(store.versions("greeting")).isEmpty();
    assertThat(store.version("greeting", 1)).isNull();
    assertThat(store.latestVersion("greeting")).isZero();
    assertThat(store.label("greeting", "production")).isNull();
    assertThat(store.labels("greeting")).isEmpty();
    assertThat(store.history("greeting")).isEmpty();
  }

  @Test
  void versionsReadBackExactlyAsInserted() throws Exception {
    PromptStore store = createStore();
    PromptVersion v1 = version("support-answer", 1, TEMPLATE);
    PromptVersion v2 = version("support-answer", 2, TEMPLATE + "\nMerci.");
    PromptVersion other = version("a.other_prompt", 1, "{{question}}");
    store.insert(v1);
    store.insert(v2);
    store.insert(other);
    for (PromptStore s : List.of(store, reopen(store))) {
      assertThat(s.names()).containsExactly("a.other_prompt", "support-answer");
      assertThat(s.versions("support-answer")).containsExactly(v1, v2);
      assertThat(s.version("support-answer", 2)).isEqualTo(v2);
      assertThat(s.version("support-answer", 3)).isNull();
      assertThat(s.version("support-answer", 0)).isNull();
      assertThat(s.latestVersion("support-answer")).isEqualTo(2);
      assertThat(s.version("support-answer", 1).template()).isEqualTo(TEMPLATE);
      assertThat(s.version("support-answer", 1).tags()).containsExactly("support", "v1");
      assertThat(s.versions("a.other_prompt")).containsExactly(other);
    }
  }

  @Test
  void aVersionNumberIsTakenOnce() throws Exception {
    PromptStore store = createStore();
    store.insert(version("p", 1, "one {{question}}"));
    assertThatThrownBy(() -> store.insert(version("p", 1, "another one")))
        .isInstanceOf(PromptConflictException.class).hasMessageContaining("'p'")
        .hasMessageNotContaining("another one");
    assertThatThrownBy(() -> store.insert(version("p", 3, "skips two")))
        .isInstanceOf(PromptConflictException.class);
    assertThatThrownBy(() -> store.insert(version("q", 2, "starts at two")))
        .isInstanceOf(PromptConflictException.class);
    PromptStore reopened = reopen(store);
    assertThat(reopened.versions("p")).extracting(PromptVersion::template).containsExactly("one {{question}}");
    assertThat(reopened.names()).containsExactly("p");
  }

  @Test
  void labelsMoveOnlyFromTheRevisionTheWriterRead() throws Exception {
    PromptStore store = createStore();
    store.insert(version("p", 1, "a"));
    store.insert(version("p", 2, "b"));
    LabelMove first = store.moveLabel("p", "production", 0, LabelTarget.of(1), "ann");
    assertThat(first.from()).isNull();
    assertThat(first.to()).isEqualTo(LabelTarget.of(1));
    assertThat(first.revision()).isEqualTo(1);
    assertThat(first.author()).isEqualTo("ann");

    assertThatThrownBy(() -> store.moveLabel("p", "production", 0, LabelTarget.of(2), "bob"))
        .isInstanceOf(PromptConflictException.class).hasMessageContaining("'p'");
    assertThatThrownBy(() -> store.moveLabel("p", "production", 2, LabelTarget.of(2), "bob"))
        .isInstanceOf(PromptConflictException.class);

    LabelMove second = store.moveLabel("p", "production", 1, LabelTarget.of(2), "bob");
    assertThat(second.from()).isEqualTo(LabelTarget.of(1));
    assertThat(second.revision()).isEqualTo(2);
    store.moveLabel("p", "staging", 0, LabelTarget.of(2), "cy");

    for (PromptStore s : List.of(store, reopen(store))) {
      PromptLabel production = s.label("p", "production");
      assertThat(production).isNotNull();
      assertThat(production.target()).isEqualTo(LabelTarget.of(2));
      assertThat(production.revision()).isEqualTo(2);
      assertThat(production.movedBy()).isEqualTo("bob");
      assertThat(production.movedAt()).isEqualTo(second.at());
      assertThat(s.labels("p")).extracting(PromptLabel::label).containsExactly("production", "staging");
      List<LabelMove> history = s.history("p");
      assertThat(history).hasSize(3);
      assertThat(history.get(0)).isEqualTo(first);
      assertThat(history.get(1)).isEqualTo(second);
      assertThat(history.get(2).label()).isEqualTo("staging");
      assertThat(s.label("p", "canary")).isNull();
    }
  }

  @Test
  void aSplitTargetRoundTrips() throws Exception {
    PromptStore store = createStore();
    store.insert(version("p", 1, "a"));
    store.insert(version("p", 2, "b"));
    LabelTarget split = LabelTarget.parse("1=90,2=10");
    store.moveLabel("p", "production", 0, split, "ann");
    assertThat(reopen(store).label("p", "production").target()).isEqualTo(split);
    assertThat(reopen(store).history("p").get(0).to()).isEqualTo(split);
  }

  @Test
  void aLabelCannotPointAtAMissingVersionAndNothingIsWritten() throws Exception {
    PromptStore store = createStore();
    store.insert(version("p", 1, "a"));
    assertThatThrownBy(() -> store.moveLabel("p", "production", 0, LabelTarget.parse("1=50,7=50"), "ann"))
        .isInstanceOf(PromptNotFoundException.class).hasMessageContaining("'p'").hasMessageContaining("7");
    assertThatThrownBy(() -> store.moveLabel("nope", "production", 0, LabelTarget.of(1), "ann"))
        .isInstanceOf(PromptNotFoundException.class).hasMessageContaining("'nope'");
    PromptStore reopened = reopen(store);
    assertThat(reopened.label("p", "production")).isNull();
    assertThat(reopened.history("p")).isEmpty();
    assertThat(reopened.names()).containsExactly("p");
  }

  @Test
  void twoWritersMovingOneLabelCannotBothWin() throws Exception {
    PromptStore store = createStore();
    store.insert(version("p", 1, "a"));
    store.insert(version("p", 2, "b"));
    store.insert(version("p", 3, "c"));
    store.moveLabel("p", "production", 0, LabelTarget.of(1), "ann");
    PromptStore other = otherWriter(store);
    for (int round = 0; round < 5; round++) {
      long revision = store.label("p", "production").revision();
      List<Object> outcomes = race(
          () -> store.moveLabel("p", "production", revision, LabelTarget.of(2), "writer-a"),
          () -> other.moveLabel("p", "production", revision, LabelTarget.of(3), "writer-b"));
      long wins = outcomes.stream().filter(o -> o instanceof LabelMove).count();
      assertThat(wins).as("round %s: %s", round, outcomes).isEqualTo(1);
      assertThat(outcomes).anySatisfy(o -> assertThat(o).isInstanceOf(PromptConflictException.class));
      LabelMove won = (LabelMove) outcomes.stream().filter(o -> o instanceof LabelMove).findFirst().get();
      assertThat(reopen(store).label("p", "production").target()).isEqualTo(won.to());
      assertThat(reopen(store).label("p", "production").revision()).isEqualTo(revision + 1);
    }
    assertThat(reopen(store).history("p")).hasSize(6);
  }

  @Test
  void twoWritersTakingOneVersionNumberCannotBothWin() throws Exception {
    PromptStore store = createStore();
    store.insert(version("p", 1, "a"));
    PromptStore other = otherWriter(store);
    for (int n = 2; n < 7; n++) {
      int number = n;
      List<Object> outcomes = race(
          () -> {
            store.insert(version("p", number, "from a " + number));
            return "a";
          },
          () -> {
            other.insert(version("p", number, "from b " + number));
            return "b";
          });
      assertThat(outcomes).as("version %s: %s", n, outcomes).filteredOn(o -> o instanceof String).hasSize(1);
      assertThat(outcomes).anySatisfy(o -> assertThat(o).isInstanceOf(PromptConflictException.class));
      String winner = (String) outcomes.stream().filter(o -> o instanceof String).findFirst().get();
      assertThat(reopen(store).version("p", number).template()).isEqualTo("from " + winner + " " + number);
    }
    assertThat(reopen(store).latestVersion("p")).isEqualTo(6);
  }

  /** Runs two writes as close to together as two threads allow; returns each result or exception. */
  private static List<Object> race(Callable<?> a, Callable<?> b) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      CountDownLatch ready = new CountDownLatch(2);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Object>> futures = new ArrayList<>();
      for (Callable<?> write : List.of(a, b)) {
        futures.add(pool.submit(() -> {
          ready.countDown();
          go.await();
          try {
            return write.call();
          } catch (PromptConflictException e) {
            return e;
          }
        }));
      }
      ready.await();
      go.countDown();
      List<Object> outcomes = new ArrayList<>();
      for (Future<Object> f : futures) {
        outcomes.add(f.get(30, TimeUnit.SECONDS));
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }
}
