package dev.llmops.api.spi;

import dev.llmops.api.Experimental;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One immutable version of a registered prompt.
 *
 * <p>{@code toString()} prints the name, number and hash, never the template.
 *
 * @param name the prompt's name: letters, digits, {@code . _ -}, starting with a letter or digit, at most
 *     128 characters
 * @param version the version number, monotonic per name from 1
 * @param template the template text
 * @param contentHash {@link #hash(String, Map, Map)} of the template, parameters and variables
 * @param author who created it
 * @param createdAt when
 * @param message why it was created
 * @param parameters model parameters ({@code model}, {@code temperature}, ...), sorted by key
 * @param variables the variables schema: each variable the template uses, with its kind ({@code text} or
 *     {@code list}), sorted by name
 * @param tags free-form tags, in the order given
 * @since 0.1
 */
@Experimental
public record PromptVersion(
    String name, int version, String template, String contentHash, String author, Instant createdAt,
    String message, Map<String, String> parameters, Map<String, String> variables, List<String> tags) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  /**
   * Validates and copies the fields.
   *
   * @param name see the record description
   * @param version see the record description
   * @param template see the record description
   * @param contentHash see the record description
   * @param author see the record description
   * @param createdAt see the record description
   * @param message see the record description
   * @param parameters see the record description
   * @param variables see the record description
   * @param tags see the record description
   * @throws IllegalArgumentException if the name is not valid, the version is below 1, or the hash does
   *     not match the content
   */
  public PromptVersion {
    requireName(name);
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(contentHash, "contentHash");
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(message, "message");
    parameters = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(parameters, "parameters")));
    variables = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(variables, "variables")));
    tags = List.copyOf(Objects.requireNonNull(tags, "tags"));
    if (version < 1) {
      throw new IllegalArgumentException("prompt '" + name + "': version must be >= 1: " + version);
    }
    if (!contentHash.equals(hash(template, parameters, variables))) {
      throw new IllegalArgumentException(
          "prompt '" + name + "' version " + version + ": content hash does not match the content");
    }
  }

  /**
   * A version whose hash is computed from its content.
   *
   * @param name the prompt's name
   * @param version the version number
   * @param template the template text
   * @param author who created it
   * @param createdAt when
   * @param message why
   * @param parameters model parameters
   * @param variables the variables schema
   * @param tags tags
   * @return the version
   */
  public static PromptVersion of(String name, int version, String template, String author, Instant createdAt,
      String message, Map<String, String> parameters, Map<String, String> variables, List<String> tags) {
    return new PromptVersion(name, version, template, hash(template, parameters, variables), author,
        createdAt, message, parameters, variables, tags);
  }

  /**
   * Checks a prompt name.
   *
   * @param name the name
   * @return the name
   * @throws IllegalArgumentException if it is not letters, digits and {@code . _ -}, starting with a letter
   *     or digit, 1 to 128 characters
   */
  public static String requireName(String name) {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "prompt name must be 1-128 letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
    return name;
  }

  /**
   * The hex SHA-256 of the template, parameters and variables, each entry length-prefixed so that no two
   * different contents hash alike.
   *
   * @param template the template text
   * @param parameters model parameters
   * @param variables the variables schema
   * @return 64 hex digits
   */
  public static String hash(String template, Map<String, String> parameters, Map<String, String> variables) {
    MessageDigest d;
    try {
      d = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
    List<String> parts = new ArrayList<>();
    parts.add(template);
    for (Map<String, String> m : List.of(parameters, variables)) {
      TreeMap<String, String> sorted = new TreeMap<>(m);
      parts.add(Integer.toString(sorted.size()));
      sorted.forEach((k, v) -> {
        parts.add(k);
        parts.add(v);
      });
    }
    for (String p : parts) {
      byte[] bytes = p.getBytes(StandardCharsets.UTF_8);
      d.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
      d.update((byte) ':');
      d.update(bytes);
    }
    return HexFormat.of().formatHex(d.digest());
  }

  @Override
  public String toString() {
    return "PromptVersion[" + name + "@" + version + ", hash=" + contentHash.substring(0, 12) + ", author="
        + author + ", createdAt=" + createdAt + ", tags=" + tags + "]";
  }
}
