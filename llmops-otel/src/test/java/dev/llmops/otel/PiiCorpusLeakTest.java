package dev.llmops.otel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.llmops.api.GuardResult;
import dev.llmops.api.LlmChunk;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.RequestContext;
import dev.llmops.api.spi.PiiDetector;
import dev.llmops.api.spi.PiiFinding;
import dev.llmops.core.LlmPipeline;
import dev.llmops.core.cost.CostControl;
import dev.llmops.core.cost.ModelPrice;
import dev.llmops.core.cost.PriceTable;
import dev.llmops.core.logging.RequestLog;
import dev.llmops.core.pii.PiiDetectors;
import dev.llmops.core.pii.PiiPolicy;
import dev.llmops.core.pii.PiiRedactor;
import dev.llmops.core.pii.PiiType;
import dev.llmops.test.ChunkCollector;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * Every text of the PII corpus goes through a pipeline with telemetry and request logging, by call and by
 * stream; no entity value may appear in any span name, attribute, event, status, metric or log line.
 *
 * <p>With content capture on, {@code noEntityValueReachesTelemetryOrLogs} redacts with a dictionary detector
 * built from the corpus (it finds exactly the labelled values, so it checks the plumbing: capture only after
 * redaction), and {@code realRedactorKeepsDetectedValuesOutOfCapturedContent} runs the real PII redactor.
 */
class PiiCorpusLeakTest {
  // the shared corpus beside the repository, or where LLMOPS_CORPUS_DIR points (.ci/run sets it)
  static final Path CORPUS =
      Path.of(System.getenv().getOrDefault("LLMOPS_CORPUS_DIR", "../../shared/corpus")).resolve("pii-dev.jsonl");
  static final Pattern TEXT = Pattern.compile("\"text\":\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
  static final Pattern VALUE = Pattern.compile("\"type\":\\s*\"([A-Z_]+)\",\\s*\"start\":\\s*\\d+,\\s*\"end\":\\s*\\d+,"
      + "\\s*\"value\":\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

  final OtelFixture otel = new OtelFixture();
  final LogLines logs = new LogLines();
  Logger root;

  @BeforeEach
  void attachLogs() {
    root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    logs.start();
    root.addAppender(logs);
  }

  @AfterEach
  void detach() {
    root.detachAppender(logs);
    otel.close();
  }

  record Case(String text, Map<String, String> entities) {}

  static List<Case> corpus() throws IOException {
    assumeTrue(Files.isRegularFile(CORPUS), "the shared corpus is not here (set LLMOPS_CORPUS_DIR)");
    List<Case> cases = new ArrayList<>();
    for (String line : Files.readAllLines(CORPUS, StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      Matcher t = TEXT.matcher(line);
      assertThat(t.find()).as(line).isTrue();
      Map<String, String> entities = new LinkedHashMap<>();
      int entitiesAt = line.indexOf("\"entities\"");
      int decoysAt = line.indexOf("\"decoys\"");
      String labelled = line.substring(entitiesAt, decoysAt > entitiesAt ? decoysAt : line.length());
      Matcher v = VALUE.matcher(labelled);
      while (v.find()) {
        entities.put(unescape(v.group(2)), v.group(1));
      }
      cases.add(new Case(unescape(t.group(1)), entities));
    }
    return cases;
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void noEntityValueReachesTelemetryOrLogs(boolean captureContent) throws IOException {
    List<Case> cases = corpus();
    Map<String, String> all = new LinkedHashMap<>();
    cases.forEach(c -> all.putAll(c.entities()));
    assertThat(cases).hasSizeGreaterThan(100);
    assertThat(all).hasSizeGreaterThan(100);

    LlmPipeline.Builder b = LlmPipeline.builder()
        .stage(CostControl.builder().prices(PriceTable.builder().price("*", ModelPrice.perMillion("1", "2")).build())
            .build())
        .inputGuard(Fixtures.inputGuard("pii-flag", r -> GuardResult.warn("pii-flag", "pii", 0.5, "flagged")))
        .outputGuard(Fixtures.allowOutput("toxicity"))
        .backend(Fixtures.echo("openai", "gpt-4o", true))
        .listener(LlmopsTelemetry.builder(otel.sdk).captureContent(captureContent).build())
        .listener(RequestLog.create());
    if (captureContent) {
      b.redact(Fixtures.dictionary(all));
    }
    LlmPipeline pipeline = b.build();
    int i = 0;
    List<String> answers = new ArrayList<>();
    for (Case c : cases) {
      RequestContext ctx = RequestContext.builder().tenant("acme").conversationId("c-" + i).build();
      if (i++ % 2 == 0) {
        answers.add(pipeline.call(LlmRequest.of(c.text()), ctx).text());
      } else {
        ChunkCollector chunks = ChunkCollector.collect(pipeline.stream(LlmRequest.of(c.text()), ctx));
        chunks.awaitCompleted(Duration.ofSeconds(5));
        LlmChunk last = chunks.chunks().get(chunks.chunks().size() - 1);
        LlmResponse completion = last.completion();
        answers.add(completion == null ? "" : completion.text());
      }
    }

    List<String> recorded = recordedTexts();
    assertThat(otel.spans()).hasSizeGreaterThanOrEqualTo(cases.size() * 4);
    assertThat(logs.list).hasSizeGreaterThanOrEqualTo(cases.size());
    for (Map.Entry<String, String> e : all.entrySet()) {
      for (String r : recorded) {
        if (r.contains(e.getKey())) {
          throw new AssertionError("a " + e.getValue() + " value leaked into: " + r.substring(0, Math.min(80, r.length())));
        }
      }
    }
    String joined = String.join("\n", answers);
    if (captureContent) {
      // the capture is real: redacted messages were recorded, and the answers echo placeholders
      assertThat(recorded).anyMatch(r -> r.contains("[EMAIL]"));
      assertThat(joined).contains("[EMAIL]");
    } else {
      // the values did flow through the pipeline: the echoed answers hold them
      assertThat(all.keySet()).anyMatch(joined::contains);
    }
  }

  /**
   * Content capture on, with the real redactor (pseudonymizing): no value it detects reaches telemetry or
   * logs, and the answers get the values back. A value the detector misses would be captured; the test
   * names how many there are, so a drop in recall shows here too.
   */
  @Test
  void realRedactorKeepsDetectedValuesOutOfCapturedContent() throws IOException {
    List<Case> cases = corpus();
    PiiDetector detector = PiiDetectors.standard();
    Map<String, String> detected = new LinkedHashMap<>();
    int missed = 0;
    for (Case c : cases) {
      List<PiiFinding> found = detector.detect(c.text());
      for (Map.Entry<String, String> e : c.entities().entrySet()) {
        int at = c.text().indexOf(e.getKey());
        boolean covered = at >= 0 && found.stream()
            .anyMatch(f -> f.start() <= at && f.end() >= at + e.getKey().length());
        if (covered) {
          detected.put(e.getKey(), e.getValue());
        } else {
          missed++;
        }
      }
    }
    // a value that also occurs, unlabelled, inside another case's text (a decoy such as a five-part
    // "address") may rightly be captured there
    for (Case c : cases) {
      detected.keySet().removeIf(v -> c.text().contains(v) && !c.entities().containsKey(v));
    }
    assertThat(detected).hasSizeGreaterThan(100);
    assertThat(missed).as("labelled values the standard detector misses").isLessThanOrEqualTo(3);

    LlmPipeline pipeline = LlmPipeline.builder()
        .redact(PiiRedactor.builder().policy(PiiPolicy.pseudonymize()).build())
        .backend(Fixtures.echo("openai", "gpt-4o", true))
        .listener(LlmopsTelemetry.builder(otel.sdk).captureContent(true).build())
        .listener(RequestLog.create())
        .build();
    StringBuilder answers = new StringBuilder();
    int i = 0;
    for (Case c : cases) {
      RequestContext ctx = RequestContext.builder().tenant("acme").conversationId("r-" + i++).build();
      answers.append(pipeline.call(LlmRequest.of(c.text()), ctx).text()).append('\n');
    }
    List<String> recorded = recordedTexts();
    assertThat(recorded).anyMatch(r -> r.contains("<EMAIL_"));
    for (Map.Entry<String, String> e : detected.entrySet()) {
      for (String r : recorded) {
        if (r.contains(e.getKey())) {
          throw new AssertionError("a detected " + e.getValue() + " value leaked into telemetry or logs");
        }
      }
    }
    // restore is real: the echoed answers carry the original personal data again (secrets are redacted
    // by this policy, never restored)
    assertThat(detected.entrySet()).filteredOn(e -> !PiiType.valueOf(e.getValue()).isSecret())
        .hasSizeGreaterThan(80)
        .allMatch(e -> answers.indexOf(e.getKey()) >= 0);
  }

  /** Every string the exporters and the log appender hold. */
  List<String> recordedTexts() {
    List<String> out = new ArrayList<>();
    for (SpanData s : otel.spans()) {
      out.add(s.getName());
      out.add(s.getStatus().getDescription());
      addAttributes(out, s.getAttributes());
      for (EventData e : s.getEvents()) {
        out.add(e.getName());
        addAttributes(out, e.getAttributes());
      }
    }
    for (MetricData m : otel.collect()) {
      out.add(m.getName());
      m.getData().getPoints().forEach(p -> addAttributes(out, p.getAttributes()));
    }
    for (ILoggingEvent e : logs.list) {
      out.add(e.getFormattedMessage());
      out.add(String.valueOf(e.getMDCPropertyMap()));
      if (e.getThrowableProxy() != null) {
        out.add(e.getThrowableProxy().getMessage());
      }
    }
    return out;
  }

  static void addAttributes(List<String> out, Attributes a) {
    a.forEach((k, v) -> out.add(k.getKey() + "=" + v));
  }

  static String unescape(String json) {
    StringBuilder b = new StringBuilder(json.length());
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (c != '\\') {
        b.append(c);
        continue;
      }
      char n = json.charAt(++i);
      switch (n) {
        case 'n':
          b.append('\n');
          break;
        case 't':
          b.append('\t');
          break;
        case 'r':
          b.append('\r');
          break;
        case 'b':
          b.append('\b');
          break;
        case 'f':
          b.append('\f');
          break;
        case 'u':
          b.append((char) Integer.parseInt(json.substring(i + 1, i + 5), 16));
          i += 4;
          break;
        default:
          b.append(n);
      }
    }
    return b.toString();
  }
}
