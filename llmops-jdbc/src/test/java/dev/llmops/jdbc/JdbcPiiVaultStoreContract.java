package dev.llmops.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.RequestContext;
import dev.llmops.core.LlmPipeline;
import dev.llmops.core.pii.PiiRedactor;
import dev.llmops.core.pii.PiiVault;
import dev.llmops.test.FakeBackend;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What every database behind {@link JdbcPiiVaultStore} must do; subclasses give the database. */
abstract class JdbcPiiVaultStoreContract {
  static final Pattern PLACEHOLDER = Pattern.compile("<[A-Z_]+_[0-9a-f]{8,32}>");
  static final byte[] AES = key(1);
  static final byte[] HMAC = key(2);

  final String prefix = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + "_";
  final MutableClock clock = new MutableClock();

  /** The database; the table of {@link #prefix} are dropped after each test. */
  abstract DataSource dataSource();

  JdbcPiiVaultStore store() {
    return JdbcPiiVaultStore.builder().dataSource(dataSource()).tablePrefix(prefix).ttl(Duration.ofMinutes(30))
        .clock(clock).build();
  }

  static PiiVault vault(JdbcPiiVaultStore store) {
    return PiiVault.builder().store(store).encryptionKey(AES).placeholderKey(HMAC).build();
  }

  @AfterEach
  void dropTable() throws Exception {
    try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
      s.executeUpdate("DROP TABLE IF EXISTS " + prefix + "pii_vault");
    }
  }

  @Test
  void aSecondPipelineRestoresWhatTheFirstPseudonymized() {
    // two processes in effect: two stores, two vaults, two pipelines, one table
    FakeBackend echo = FakeBackend.echo();
    LlmPipeline first = LlmPipeline.builder().backend(echo)
        .redact(PiiRedactor.builder().vault(vault(store())).build()).build();
    RequestContext conv = RequestContext.builder().conversationId("conv-1").build();
    first.call(LlmRequest.of("Write to jane.doe@example.com about card 4111 1111 1111 1111"), conv);
    String seen = echo.lastRequest().lastUserMessage().content();
    assertThat(seen).doesNotContain("jane.doe@example.com", "4111");
    List<String> placeholders = placeholders(seen);
    assertThat(placeholders).hasSize(2);

    // the second pipeline's model answers with the placeholders only; the caller sees the values
    FakeBackend answer = FakeBackend.builder()
        .otherwise(req -> LlmResponse.builder().text("Sent to " + placeholders.get(0) + " for "
            + placeholders.get(1) + ".").build()).build();
    LlmPipeline second = LlmPipeline.builder().backend(answer)
        .redact(PiiRedactor.builder().vault(vault(store())).build()).build();
    LlmResponse r = second.call(LlmRequest.of("did you send it?"), RequestContext.builder()
        .conversationId("conv-1").build());
    assertThat(r.text()).isEqualTo("Sent to jane.doe@example.com for 4111 1111 1111 1111.");

    // the same value in the next turn, on the second pipeline, gets the same placeholder
    FakeBackend echo2 = FakeBackend.echo();
    LlmPipeline third = LlmPipeline.builder().backend(echo2)
        .redact(PiiRedactor.builder().vault(vault(store())).build()).build();
    third.call(LlmRequest.of("again jane.doe@example.com"), RequestContext.builder().conversationId("conv-1")
        .build());
    assertThat(placeholders(echo2.lastRequest().lastUserMessage().content())).containsExactly(placeholders.get(0));

    // another conversation never gets them back
    LlmResponse other = second.call(LlmRequest.of("and you?"), RequestContext.builder()
        .conversationId("conv-2").build());
    assertThat(other.text()).contains(placeholders.get(0)).doesNotContain("jane.doe@example.com");
  }

  @Test
  void aRowNeverHoldsAValueOrTheConversationId() throws Exception {
    PiiRedactor r = PiiRedactor.builder().vault(vault(store())).build();
    String text = "Call Maria Garcia at +49 30 1234567, mail maria.garcia@example.com, IBAN DE89 3704 0044 0532 0130 00";
    String redacted = r.redact(text, "customer-4711").text();
    List<String> placeholders = placeholders(redacted);
    assertThat(placeholders).hasSizeGreaterThanOrEqualTo(3);

    List<byte[]> rows = rawRows();
    assertThat(rows).hasSize(placeholders.size());
    for (byte[] row : rows) {
      String latin = new String(row, StandardCharsets.ISO_8859_1);
      for (String value : List.of("Maria", "Garcia", "1234567", "maria.garcia", "example.com", "3704", "DE89",
          "customer-4711")) {
        assertThat(latin).doesNotContain(value);
      }
    }
    // the conversation is kept as its SHA-256 only
    try (Connection c = dataSource().getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT DISTINCT conversation_key FROM " + prefix + "pii_vault")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1).trim()).isEqualTo(JdbcPiiVaultStore.conversationKey("customer-4711"));
      assertThat(rs.next()).isFalse();
    }
    assertThat(r.restore(redacted, "customer-4711")).isEqualTo(text);
  }

  @Test
  void aVaultRefusesThePersistentStoreWithoutAnEncryptionKey() {
    JdbcPiiVaultStore store = store();
    assertThat(store.persistent()).isTrue();
    assertThatThrownBy(() -> PiiVault.builder().store(store).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("encryptionKey");
  }

  @Test
  void conversationsExpireAfterTheTtlSinceTheirLastNewValue() throws Exception {
    PiiRedactor r = PiiRedactor.builder().vault(vault(store())).build();
    String a = r.redact("mail a@example.com", "c").text();
    clock.advance(Duration.ofMinutes(20));
    String b = r.redact("mail b@example.com", "c").text(); // renews the whole conversation
    clock.advance(Duration.ofMinutes(20));
    assertThat(r.restore(a + " " + b, "c")).isEqualTo("mail a@example.com mail b@example.com");
    clock.advance(Duration.ofMinutes(11));
    assertThat(r.restore(a, "c")).isEqualTo(a);
    assertThat(store().purgeExpired()).isEqualTo(2);
    assertThat(rawRows()).isEmpty();
  }

  @Test
  void aRowMovedToAnotherConversationIsNotRestored() throws Exception {
    PiiRedactor r = PiiRedactor.builder().vault(vault(store())).build();
    String ph = placeholders(r.redact("mail jane@example.com", "a").text()).get(0);
    // an attacker with write access copies the sealed value under another conversation's key
    try (Connection c = dataSource().getConnection(); PreparedStatement s = c.prepareStatement(
        "UPDATE " + prefix + "pii_vault SET conversation_key = ?")) {
      s.setString(1, JdbcPiiVaultStore.conversationKey("b"));
      assertThat(s.executeUpdate()).isEqualTo(1);
    }
    assertThat(r.restore(ph, "b")).isEqualTo(ph);
    assertThat(r.restore(ph, "a")).isEqualTo(ph);
  }

  @Test
  void aWriteReplacesTheSealedValue() {
    JdbcPiiVaultStore store = store();
    store.put("c", "<EMAIL_00000000>", new byte[] {1, 2});
    store.put("c", "<EMAIL_00000000>", new byte[] {3});
    assertThat(store.get("c", "<EMAIL_00000000>")).containsExactly(3);
    assertThat(store.get("d", "<EMAIL_00000000>")).isNull();
    assertThat(store.toString()).contains(prefix).doesNotContain("jdbc:");
  }

  List<byte[]> rawRows() throws Exception {
    List<byte[]> rows = new ArrayList<>();
    try (Connection c = dataSource().getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT placeholder, sealed, expires_at FROM " + prefix + "pii_vault")) {
      while (rs.next()) {
        byte[] ph = rs.getString(1).getBytes(StandardCharsets.UTF_8);
        byte[] sealed = rs.getBytes(2);
        byte[] row = new byte[ph.length + sealed.length];
        System.arraycopy(ph, 0, row, 0, ph.length);
        System.arraycopy(sealed, 0, row, ph.length, sealed.length);
        rows.add(row);
      }
    }
    return rows;
  }

  static List<String> placeholders(String text) {
    List<String> all = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) {
      all.add(m.group());
    }
    return all;
  }

  private static byte[] key(int seed) {
    byte[] k = new byte[32];
    for (int i = 0; i < k.length; i++) {
      k[i] = (byte) (seed * 31 + i);
    }
    return k;
  }

  /** A clock the test moves. */
  static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public java.time.ZoneId getZone() {
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
