package dev.llmops.core.prompt;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.llmops.api.PromptFormatException;
import dev.llmops.api.spi.LabelMove;
import dev.llmops.api.spi.LabelTarget;
import dev.llmops.api.spi.PromptLabel;
import dev.llmops.api.spi.PromptVersion;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The file and export formats: one document per prompt (its versions, labels and audit trail), as YAML
 * or JSON, and a backup file holding every prompt's document.
 */
final class Documents {
  static final String FORMAT = "llmops-prompts";
  static final int FORMAT_VERSION = 1;

  static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
      .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .build())
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private Documents() {}

  @JsonPropertyOrder({"name", "labels", "versions", "history"})
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record PromptDoc(@Nullable String name, @Nullable Map<String, LabelDoc> labels,
      @Nullable List<VersionDoc> versions, @Nullable List<MoveDoc> history) {}

  @JsonPropertyOrder({"version", "author", "createdAt", "message", "hash", "tags", "parameters", "variables",
      "template"})
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record VersionDoc(@Nullable Integer version, @Nullable String author, @Nullable String createdAt,
      @Nullable String message, @Nullable String hash, @Nullable List<String> tags,
      @Nullable Map<String, String> parameters, @Nullable Map<String, String> variables,
      @Nullable String template) {}

  @JsonPropertyOrder({"target", "revision", "movedBy", "movedAt"})
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record LabelDoc(@Nullable String target, @Nullable Long revision, @Nullable String movedBy,
      @Nullable String movedAt) {}

  @JsonPropertyOrder({"label", "from", "to", "revision", "author", "at"})
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record MoveDoc(@Nullable String label, @Nullable String from, @Nullable String to, @Nullable Long revision,
      @Nullable String author, @Nullable String at) {}

  @JsonPropertyOrder({"format", "formatVersion", "exportedAt", "prompts"})
  record BackupDoc(@Nullable String format, @Nullable Integer formatVersion, @Nullable String exportedAt,
      @Nullable List<PromptDoc> prompts) {}

  static PromptDoc toDoc(PromptState s) {
    Map<String, LabelDoc> labels = new LinkedHashMap<>();
    for (PromptLabel l : s.labels().values()) {
      labels.put(l.label(), new LabelDoc(l.target().toString(), l.revision(), l.movedBy(), l.movedAt().toString()));
    }
    List<VersionDoc> versions = new ArrayList<>();
    for (PromptVersion v : s.versions()) {
      versions.add(new VersionDoc(v.version(), v.author(), v.createdAt().toString(), v.message(),
          v.contentHash(), v.tags(), v.parameters(), v.variables(), v.template()));
    }
    List<MoveDoc> history = new ArrayList<>();
    for (LabelMove m : s.history()) {
      history.add(new MoveDoc(m.label(), m.from() == null ? null : m.from().toString(), m.to().toString(),
          m.revision(), m.author(), m.at().toString()));
    }
    return new PromptDoc(s.name(), labels, versions, history);
  }

  /** Reads a document; {@code where} names the file or the position in an export, for errors. */
  static PromptState fromDoc(PromptDoc d, String where) {
    String name = d.name();
    if (name == null) {
      throw new PromptFormatException(where, where + ": missing field 'name'", null);
    }
    try {
      PromptVersion.requireName(name);
    } catch (IllegalArgumentException e) {
      throw new PromptFormatException(where, where + ": invalid prompt name", e);
    }
    try {
      List<PromptVersion> versions = new ArrayList<>();
      for (VersionDoc v : orEmpty(d.versions())) {
        int number = require(name, "version", v.version());
        String field = "version " + number;
        versions.add(new PromptVersion(name, number, require(name, field + " template", v.template()),
            require(name, field + " hash", v.hash()), require(name, field + " author", v.author()),
            instant(name, field + " createdAt", v.createdAt()), v.message() == null ? "" : v.message(),
            v.parameters() == null ? Map.of() : v.parameters(), v.variables() == null ? Map.of() : v.variables(),
            v.tags() == null ? List.of() : v.tags()));
      }
      Map<String, PromptLabel> labels = new TreeMap<>();
      if (d.labels() != null) {
        for (Map.Entry<String, LabelDoc> e : d.labels().entrySet()) {
          LabelDoc l = e.getValue();
          String field = "label " + e.getKey();
          labels.put(e.getKey(), new PromptLabel(name, e.getKey(),
              LabelTarget.parse(require(name, field + " target", l.target())),
              require(name, field + " revision", l.revision()), require(name, field + " movedBy", l.movedBy()),
              instant(name, field + " movedAt", l.movedAt())));
        }
      }
      List<LabelMove> history = new ArrayList<>();
      for (MoveDoc m : orEmpty(d.history())) {
        history.add(new LabelMove(name, require(name, "history label", m.label()),
            m.from() == null ? null : LabelTarget.parse(m.from()), LabelTarget.parse(require(name, "history to", m.to())),
            require(name, "history revision", m.revision()), require(name, "history author", m.author()),
            instant(name, "history at", m.at())));
      }
      return new PromptState(name, versions, labels, history).validate();
    } catch (IllegalArgumentException e) {
      throw new PromptFormatException(name, "prompt '" + name + "': " + e.getMessage(), e);
    }
  }

  private static <T> List<T> orEmpty(@Nullable List<T> list) {
    return list == null ? List.of() : list;
  }

  private static <T> T require(String name, String field, @Nullable T value) {
    if (value == null) {
      throw new PromptFormatException(name, "prompt '" + name + "': missing field '" + field + "'", null);
    }
    return value;
  }

  private static Instant instant(String name, String field, @Nullable String value) {
    try {
      return Instant.parse(require(name, field, value));
    } catch (DateTimeParseException e) {
      throw new PromptFormatException(name, "prompt '" + name + "': field '" + field + "' is not an instant", e);
    }
  }

  /** The parser's failure, without its message (which may quote the content). */
  static PromptFormatException invalid(String where, JsonProcessingException e) {
    String at = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
    return new PromptFormatException(where, where + ": not valid YAML or JSON" + at, null);
  }
}
