package dev.llmops.core.guard;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaException;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.SpecVersionDetector;
import com.networknt.schema.ValidationMessage;
import dev.llmops.api.GuardAction;
import dev.llmops.api.GuardResult;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.RequestContext;
import dev.llmops.api.Verdict;
import dev.llmops.api.spi.OutputGuard;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Validates structured output against a JSON Schema (drafts 4, 6, 7, 2019-09 and 2020-12, by the schema's
 * {@code $schema}; 2020-12 when it names none), using networknt's json-schema-validator. The schema itself
 * is validated against its meta-schema when the guard is built, offline.
 *
 * <p>An answer that is not JSON, or does not match, is denied with {@link GuardAction#REASK} by default:
 * the pipeline asks the model once more with the failures as feedback (JSON paths and the failing keyword,
 * never values), and blocks if the second answer fails too. A Markdown code fence around the JSON is
 * accepted. On a stream the guard sees the whole answer, at the end ({@link #needsWholeAnswer()}).
 *
 * @since 0.1
 */
public final class JsonSchemaGuard implements OutputGuard {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_ERRORS_LISTED = 5;

  private final JsonSchema schema;
  private final GuardAction action;

  private JsonSchemaGuard(JsonSchema schema, GuardAction action) {
    this.schema = schema;
    this.action = action;
  }

  /**
   * A guard that re-asks once on failure.
   *
   * @param schemaJson the schema, as JSON text
   * @return the guard
   * @throws IllegalArgumentException if the schema is not JSON or not a valid schema of its draft
   */
  public static JsonSchemaGuard of(String schemaJson) {
    return of(schemaJson, GuardAction.REASK);
  }

  /**
   * A guard with the given action on failure.
   *
   * @param schemaJson the schema, as JSON text
   * @param action {@link GuardAction#REASK}, {@link GuardAction#BLOCK} or {@link GuardAction#FLAG}
   * @return the guard
   * @throws IllegalArgumentException if the schema is not JSON or not a valid schema of its draft
   */
  public static JsonSchemaGuard of(String schemaJson, GuardAction action) {
    Objects.requireNonNull(schemaJson, "schemaJson");
    Objects.requireNonNull(action, "action");
    if (action != GuardAction.REASK && action != GuardAction.BLOCK && action != GuardAction.FLAG) {
      throw new IllegalArgumentException("a JSON schema guard re-asks, blocks or flags, not " + action);
    }
    JsonNode node;
    try {
      node = JSON.readTree(schemaJson);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("the JSON schema is not valid JSON (line "
          + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ")");
    }
    if (node == null || !(node.isObject() || node.isBoolean())) {
      throw new IllegalArgumentException("the JSON schema must be a JSON object or boolean");
    }
    SpecVersion.VersionFlag version;
    try {
      version = SpecVersionDetector.detectOptionalVersion(node, false).orElse(SpecVersion.VersionFlag.V202012);
    } catch (JsonSchemaException e) {
      throw new IllegalArgumentException("the JSON schema names an unknown $schema draft");
    }
    JsonSchemaFactory factory = JsonSchemaFactory.getInstance(version);
    try {
      JsonSchema meta = factory.getSchema(SchemaLocation.of(version.getId()));
      Set<ValidationMessage> problems = meta.validate(node);
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException("the JSON schema is not a valid " + version + " schema: "
            + describe(problems));
      }
      JsonSchema schema = factory.getSchema(node);
      schema.initializeValidators();
      return new JsonSchemaGuard(schema, action);
    } catch (JsonSchemaException | IllegalStateException e) {
      throw new IllegalArgumentException("the JSON schema cannot be loaded: " + e.getClass().getSimpleName());
    }
  }

  @Override
  public String name() {
    return "json-schema";
  }

  @Override
  public boolean needsWholeAnswer() {
    return true;
  }

  @Override
  public GuardResult check(String text, LlmRequest request, RequestContext context) {
    return check(text);
  }

  /**
   * Checks a complete answer.
   *
   * @param text the answer
   * @return allow, or a deny with the failing paths
   */
  public GuardResult check(String text) {
    JsonNode node;
    try {
      node = JSON.readTree(stripFence(Objects.requireNonNull(text, "text")));
    } catch (JacksonException e) {
      return deny("invalid_json", "the answer is not valid JSON (line "
          + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + "); answer with JSON only");
    }
    if (node == null || node.isMissingNode()) {
      return deny("invalid_json", "the answer is empty; answer with JSON only");
    }
    Set<ValidationMessage> errors = schema.validate(node);
    if (errors.isEmpty()) {
      return GuardResult.allow(name());
    }
    return deny("schema_mismatch", "the answer does not match the JSON schema: " + describe(errors));
  }

  private GuardResult deny(String category, String reason) {
    return new GuardResult(name(), Verdict.DENY, action, category, 1, reason, null);
  }

  /** Paths and keywords, never the instance's values. */
  private static String describe(Set<ValidationMessage> errors) {
    StringJoiner j = new StringJoiner("; ");
    int n = 0;
    for (ValidationMessage m : errors) {
      if (n++ == MAX_ERRORS_LISTED) {
        j.add("and " + (errors.size() - MAX_ERRORS_LISTED) + " more");
        break;
      }
      String where = m.getInstanceLocation() == null ? "$" : m.getInstanceLocation().toString();
      String what = m.getType();
      if ("required".equals(what) && m.getProperty() != null) {
        what = "required property '" + m.getProperty() + "' missing";
      } else if ("type".equals(what) && m.getArguments() != null && m.getArguments().length >= 2) {
        what = "type " + m.getArguments()[1] + " expected";
      } else {
        what = "fails '" + what + "'";
      }
      j.add(where + ": " + what);
    }
    return j.toString();
  }

  private static String stripFence(String text) {
    String t = text.strip();
    if (t.startsWith("```")) {
      int nl = t.indexOf('\n');
      int end = t.lastIndexOf("```");
      if (nl > 0 && end > nl) {
        return t.substring(nl + 1, end);
      }
    }
    return t;
  }

  @Override
  public String toString() {
    return "JsonSchemaGuard[action=" + action + "]";
  }
}
