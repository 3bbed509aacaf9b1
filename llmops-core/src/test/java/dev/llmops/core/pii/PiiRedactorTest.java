package dev.llmops.core.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmops.api.GuardResult;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.RequestContext;
import dev.llmops.api.Verdict;
import dev.llmops.api.spi.StreamingTextProcessor;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class PiiRedactorTest {
  static final String TEXT = "I am Maria Garcia, mail maria.garcia@example.com, card 4111 1111 1111 1111.";
  static final Pattern PLACEHOLDER = Pattern.compile("<([A-Z_]+)_([0-9a-f]{8,32})>");

  @Test
  void everyActionRewritesAsDocumented() {
    PiiRedactor r = PiiRedactor.builder().policy(PiiPolicy.builder()
        .action(PiiType.PERSON, PiiAction.PSEUDONYMIZE)
        .action(PiiType.EMAIL, PiiAction.HASH)
        .action(PiiType.CREDIT_CARD, PiiAction.MASK)
        .build()).build();
    Redaction red = r.redact(TEXT, "c1");
    assertThat(red.text()).matches("I am <PERSON_[0-9a-f]{8}>, mail \\[EMAIL:[0-9a-f]{16}\\], "
        + "card \\*\\*\\*\\* \\*\\*\\*\\* \\*\\*\\*\\* 1111\\.");
    assertThat(red.findings()).extracting(f -> f.type()).containsExactly("PERSON", "EMAIL", "CREDIT_CARD");
    assertThat(red.blocked()).isFalse();
    assertThat(red.toString()).doesNotContain("Maria", "4111", "example");

    PiiRedactor redactAll = PiiRedactor.builder().policy(PiiPolicy.redact()).build();
    assertThat(redactAll.redact(TEXT, "c1").text())
        .isEqualTo("I am [PERSON], mail [EMAIL], card [CREDIT_CARD].");
  }

  @Test
  void everyOccurrenceOfAFoundValueIsReplaced() {
    PiiRedactor redactAll = PiiRedactor.builder().policy(PiiPolicy.redact()).build();
    // the detector leaves a dotted quad after "version" alone, but the same value is an address later on
    String text = "version 1.1.1.1 then DNS 1.1.1.1";
    assertThat(PiiDetectors.standard().detect(text)).hasSize(1);
    Redaction r = redactAll.redact(text, "c");
    assertThat(r.text()).isEqualTo("version [IP_ADDRESS] then DNS [IP_ADDRESS]");
    assertThat(r.findings()).extracting(f -> f.start()).containsExactly(8, 25);

    // a name found by its context is also replaced where it stands without one
    PiiRedactor pseudo = PiiRedactor.create();
    Redaction named = pseudo.redact("Dear Maria Garcia, the invoice goes to Maria Garcia too.", "c");
    assertThat(named.text()).doesNotContain("Maria");
    assertThat(pseudo.restore(named.text(), "c")).isEqualTo("Dear Maria Garcia, the invoice goes to Maria Garcia too.");

    // only whole tokens: a value inside a longer word or number stays
    assertThat(redactAll.redact("DNS 1.1.1.1, build 21.1.1.1 and 1.1.1.1999", "c").text())
        .isEqualTo("DNS [IP_ADDRESS], build 21.1.1.1 and 1.1.1.1999");
  }

  @Test
  void hashesAreKeyedAndStable() {
    PiiPolicy hash = PiiPolicy.builder().defaultAction(PiiAction.HASH).build();
    byte[] key = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    PiiRedactor a = PiiRedactor.builder().policy(hash).vault(PiiVault.builder().placeholderKey(key).build()).build();
    PiiRedactor b = PiiRedactor.builder().policy(hash).vault(PiiVault.builder().placeholderKey(key).build()).build();
    PiiRedactor other = PiiRedactor.builder().policy(hash).build();
    String mail = "x jane@example.com";
    assertThat(a.redact(mail, "c1").text()).isEqualTo(b.redact(mail, "c2").text())
        .isNotEqualTo(other.redact(mail, "c1").text());
  }

  @Test
  void blockedTypesAreReportedByName() {
    PiiRedactor r = PiiRedactor.builder().policy(PiiPolicy.builder().action(PiiType.US_SSN, PiiAction.BLOCK).build())
        .build();
    Redaction red = r.redact("my SSN is 123-45-6789", "c");
    assertThat(red.blocked()).isTrue();
    assertThat(red.blockedTypes()).containsExactly("US_SSN");
    assertThat(red.toString()).contains("US_SSN").doesNotContain("123-45");
  }

  @Test
  void pseudonymsAreStablePerConversationAndRestoreOnlyThere() {
    PiiRedactor r = PiiRedactor.create();
    String first = r.redact("mail jane@example.com", "conv-1").text();
    String again = r.redact("again jane@example.com please", "conv-1").text();
    String elsewhere = r.redact("mail jane@example.com", "conv-2").text();
    String ph = placeholder(first);
    assertThat(again).contains(ph);
    assertThat(placeholder(elsewhere)).isNotEqualTo(ph);

    assertThat(r.restore("I wrote to " + ph + ".", "conv-1")).isEqualTo("I wrote to jane@example.com.");
    // another conversation's placeholder, or one never issued, stays as it is
    assertThat(r.restore("I wrote to " + ph + ".", "conv-2")).isEqualTo("I wrote to " + ph + ".");
    assertThat(r.restore("<EMAIL_0123abcd> <PERSON_1> <EMAIL_", "conv-1"))
        .isEqualTo("<EMAIL_0123abcd> <PERSON_1> <EMAIL_");
  }

  @Test
  void toolCallArgumentsAreRestoredAsJsonStrings() {
    PiiRedactor r = PiiRedactor.create();
    String red = r.redact("address: 12 Elm Street, Springfield, IL 62701 and \"Jo\" <jo\\x@example.com>", "c").text();
    Matcher m = PLACEHOLDER.matcher(red);
    StringBuilder json = new StringBuilder("{");
    int k = 0;
    while (m.find()) {
      json.append(k++ == 0 ? "" : ",").append("\"a").append(k).append("\":\"").append(m.group()).append('"');
    }
    json.append('}');
    assertThat(k).isGreaterThanOrEqualTo(1);
    String restored = r.restoreJson(json.toString(), "c");
    assertThat(restored).contains("12 Elm Street, Springfield, IL 62701").doesNotContain("<STREET_ADDRESS_");
  }

  @Test
  void streamsHoldBackOnlyAPossiblePlaceholder() {
    PiiRedactor r = PiiRedactor.create();
    String ph = placeholder(r.redact("mail jane@example.com", "c").text());
    String answer = "Sure, " + ph + " is noted; 3 < 4 and <b> stays.";
    for (int cut = 0; cut <= answer.length(); cut++) {
      for (int cut2 = cut; cut2 <= answer.length(); cut2 += 3) {
        StreamingTextProcessor p = r.restoreStream("c");
        StringBuilder out = new StringBuilder();
        String a = p.push(answer.substring(0, cut));
        out.append(a);
        out.append(p.push(answer.substring(cut, cut2)));
        out.append(p.push(answer.substring(cut2)));
        out.append(p.finish());
        assertThat(out.toString()).isEqualTo("Sure, jane@example.com is noted; 3 < 4 and <b> stays.");
        // what was held back never exceeds the longest placeholder
        assertThat(cut - a.length()).isLessThanOrEqualTo(PiiRedactor.MAX_PLACEHOLDER);
      }
    }
    // text with no '<' passes through at once
    assertThat(r.restoreStream("c").push("hello world")).isEqualTo("hello world");
  }

  @Test
  void valuesAreSealedWithAesGcmAndBoundToTheirConversation() {
    Map<String, byte[]> raw = new ConcurrentHashMap<>();
    PiiVaultStore store = new PiiVaultStore() {
      @Override
      public byte @Nullable [] get(String conversationId, String placeholder) {
        return raw.get(conversationId + "|" + placeholder);
      }

      @Override
      public void put(String conversationId, String placeholder, byte[] sealed) {
        raw.put(conversationId + "|" + placeholder, sealed);
      }
    };
    byte[] aes = new byte[32];
    aes[0] = 7;
    PiiRedactor r = PiiRedactor.builder()
        .vault(PiiVault.builder().store(store).encryptionKey(aes).build()).build();
    String ph = placeholder(r.redact("mail jane@example.com", "a").text());
    assertThat(raw).hasSize(1);
    byte[] sealed = raw.values().iterator().next();
    assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("jane");
    assertThat(r.restore(ph, "a")).isEqualTo("jane@example.com");
    // a tampered store that copies the sealed value into another conversation restores nothing
    raw.put("b|" + ph, sealed);
    assertThat(r.restore(ph, "b")).isEqualTo(ph);
  }

  @Test
  void theInMemoryVaultIsBoundedAndExpires() {
    MutableClock clock = new MutableClock();
    PiiVault vault = PiiVault.builder().maxConversations(2).ttl(Duration.ofMinutes(10)).clock(clock).build();
    PiiRedactor r = PiiRedactor.builder().vault(vault).build();
    String p1 = placeholder(r.redact("a@example.com", "one").text());
    String p2 = placeholder(r.redact("b@example.com", "two").text());
    assertThat(r.restore(p1, "one")).isEqualTo("a@example.com");
    String p3 = placeholder(r.redact("c@example.com", "three").text());
    // "two" was least recently used: evicted
    assertThat(r.restore(p2, "two")).isEqualTo(p2);
    assertThat(r.restore(p3, "three")).isEqualTo("c@example.com");
    clock.now = clock.now.plus(Duration.ofMinutes(11));
    assertThat(r.restore(p3, "three")).isEqualTo(p3);
  }

  @Test
  void theOutputGuardRedactsNewValuesAndBlocksByPolicy() {
    PiiRedactor r = PiiRedactor.create();
    RequestContext ctx = RequestContext.create();
    GuardResult ok = r.outputGuard().check("Nothing personal here.", LlmRequest.of("q"), ctx);
    assertThat(ok.verdict()).isEqualTo(Verdict.ALLOW);
    GuardResult leak = r.outputGuard().check("Her mail is eve@example.com.", LlmRequest.of("q"), ctx);
    assertThat(leak.verdict()).isEqualTo(Verdict.MODIFY);
    assertThat(leak.replacement()).isEqualTo("Her mail is [EMAIL].");
    assertThat(leak.reason()).doesNotContain("eve");

    PiiRedactor strict = PiiRedactor.builder()
        .policy(PiiPolicy.builder().action(PiiType.PRIVATE_KEY, PiiAction.BLOCK).build()).build();
    GuardResult blocked = strict.outputGuard().check(
        "-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu\n"
            + "-----END RSA PRIVATE KEY-----", LlmRequest.of("q"), ctx);
    assertThat(blocked.blocks()).isTrue();
    assertThat(blocked.reason()).contains("PRIVATE_KEY").doesNotContain("MIIB");
  }

  @Test
  void policiesRejectUnknownTypes() {
    assertThatThrownBy(() -> PiiPolicy.builder().action("PASSPORT", PiiAction.REDACT))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PASSPORT");
    assertThat(PiiPolicy.builder().customType("PASSPORT").action("PASSPORT", PiiAction.BLOCK).build()
        .actionFor("PASSPORT")).isEqualTo(PiiAction.BLOCK);
    assertThatThrownBy(() -> PiiPolicy.builder().customType("bad name"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PiiVault.builder().encryptionKey(new byte[5]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("\u0000");
  }

  @Test
  void emptyTextIsFine() {
    Redaction red = PiiRedactor.create().redact("", "c");
    assertThat(red.text()).isEmpty();
    assertThat(red.findings()).isEmpty();
  }

  static String placeholder(String text) {
    Matcher m = PLACEHOLDER.matcher(text);
    assertThat(m.find()).as("a placeholder in the text").isTrue();
    return m.group();
  }

  static final class MutableClock extends Clock {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
