package dev.llmops.core.prompt;

import dev.llmops.api.GenerationParameters;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.PromptFormatException;
import dev.llmops.api.PromptRef;
import dev.llmops.api.PromptTemplateException;
import dev.llmops.api.spi.PromptVersion;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One prompt version, compiled and ready to render. Immutable and thread-safe.
 *
 * <p>{@link #request(Map)} builds an {@link LlmRequest} that carries this version's {@link PromptRef}, so
 * the name and version reach the cache key, telemetry and the response metadata ({@code prompt.name},
 * {@code prompt.version}).
 *
 * <p>Model parameters understood: {@code model}, {@code temperature}, {@code top_p}, {@code top_k},
 * {@code max_output_tokens}, {@code seed}, {@code stop}; any other key is rejected when the version is
 * compiled.
 *
 * @since 0.1
 */
public final class PromptTemplate {
  private final PromptVersion source;
  private final PromptRef ref;
  private final Template template;
  private final @Nullable String model;
  private final GenerationParameters generation;

  private PromptTemplate(PromptVersion source, Template template, @Nullable String model,
      GenerationParameters generation) {
    this.source = source;
    this.ref = new PromptRef(source.name(), source.version());
    this.template = template;
    this.model = model;
    this.generation = generation;
  }

  /**
   * Compiles a stored version.
   *
   * @param version the version
   * @return the compiled template
   * @throws PromptTemplateException if its template is malformed
   * @throws PromptFormatException if a model parameter is unknown or out of range, or the stored
   *     variables schema does not match the template
   */
  public static PromptTemplate of(PromptVersion version) {
    Objects.requireNonNull(version, "version");
    Template t = Template.compile(version.name(), version.template());
    if (!t.schema().equals(version.variables())) {
      throw new PromptFormatException(version.name(),
          "prompt '" + version.name() + "' version " + version.version()
              + ": the variables schema does not match the template", null);
    }
    String model = version.parameters().get("model");
    return new PromptTemplate(version, t, model, generation(version.name(), version.parameters()));
  }

  /**
   * Checks a template's syntax and returns its variables schema.
   *
   * @param name the prompt's name, for error messages
   * @param template the template text
   * @return each top-level variable with its kind ({@code text}, {@code list} or {@code list(a,b)})
   * @throws PromptTemplateException if the template is malformed
   */
  public static Map<String, String> schemaOf(String name, String template) {
    return Template.compile(Objects.requireNonNull(name, "name"), Objects.requireNonNull(template, "template"))
        .schema();
  }

  static GenerationParameters generation(String name, Map<String, String> parameters) {
    GenerationParameters.Builder b = GenerationParameters.builder();
    for (Map.Entry<String, String> e : parameters.entrySet()) {
      String v = e.getValue().strip();
      try {
        switch (e.getKey()) {
          case "model":
            if (v.isEmpty()) {
              throw new IllegalArgumentException("empty");
            }
            break;
          case "temperature":
            b.temperature(Double.parseDouble(v));
            break;
          case "top_p":
            b.topP(Double.parseDouble(v));
            break;
          case "top_k":
            b.topK(Integer.parseInt(v));
            break;
          case "max_output_tokens":
            b.maxOutputTokens(Integer.parseInt(v));
            break;
          case "seed":
            b.seed(Long.parseLong(v));
            break;
          case "stop":
            b.stopSequence(e.getValue());
            break;
          default:
            throw new PromptFormatException(name, "prompt '" + name + "': unknown model parameter '"
                + e.getKey() + "'", null);
        }
      } catch (IllegalArgumentException ex) {
        throw new PromptFormatException(name, "prompt '" + name + "': model parameter '" + e.getKey()
            + "' is not valid", ex);
      }
    }
    return b.build();
  }

  /**
   * The prompt's name.
   *
   * @return the name
   */
  public String name() {
    return source.name();
  }

  /**
   * The version number.
   *
   * @return the number
   */
  public int version() {
    return source.version();
  }

  /**
   * The name and version, as carried by requests.
   *
   * @return the reference
   */
  public PromptRef ref() {
    return ref;
  }

  /**
   * The stored version this template was compiled from.
   *
   * @return the version
   */
  public PromptVersion source() {
    return source;
  }

  /**
   * The variables schema: each top-level variable and its kind.
   *
   * @return an unmodifiable map, sorted by name
   */
  public Map<String, String> variables() {
    return template.schema();
  }

  /**
   * Renders the template. Values are inserted as they are, never interpreted as template syntax.
   *
   * @param values exactly the variables the template uses: text variables take strings, numbers or
   *     booleans; sections take lists (of texts, or of maps of fields)
   * @return the text
   * @throws PromptTemplateException naming the prompt and variable if one is missing, unexpected or of the
   *     wrong kind
   */
  public String render(Map<String, ?> values) {
    return template.render(Objects.requireNonNull(values, "values"));
  }

  /**
   * Renders the template into a request: one user message, the version's model and parameters, and its
   * {@link PromptRef}.
   *
   * @param values the variables, as for {@link #render}
   * @return the request
   * @throws PromptTemplateException as {@link #render} does
   */
  public LlmRequest request(Map<String, ?> values) {
    return LlmRequest.builder().user(render(values)).model(model).parameters(generation).prompt(ref).build();
  }

  @Override
  public String toString() {
    return "PromptTemplate[" + ref + ", variables=" + template.schema().keySet() + "]";
  }
}
