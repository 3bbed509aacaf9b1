package dev.llmops.core.pii;

import dev.llmops.api.spi.PiiFinding;
import java.util.List;
import java.util.Set;

/**
 * The result of {@link PiiRedactor#redact}: the rewritten text, the findings (offsets into the original
 * text) and whether a {@link PiiAction#BLOCK} type was found. {@code toString()} shows counts and type
 * names only.
 *
 * @since 0.1
 */
public final class Redaction {
  private final String text;
  private final List<PiiFinding> findings;
  private final Set<String> blockedTypes;

  Redaction(String text, List<PiiFinding> findings, Set<String> blockedTypes) {
    this.text = text;
    this.findings = List.copyOf(findings);
    this.blockedTypes = Set.copyOf(blockedTypes);
  }

  /**
   * The text with every finding replaced by its action.
   *
   * @return the redacted text
   */
  public String text() {
    return text;
  }

  /**
   * What was found, with offsets into the original text.
   *
   * @return the findings, in order
   */
  public List<PiiFinding> findings() {
    return findings;
  }

  /**
   * Whether a finding's type is blocked by the policy.
   *
   * @return true if the text must not pass
   */
  public boolean blocked() {
    return !blockedTypes.isEmpty();
  }

  /**
   * The blocked types that were found.
   *
   * @return type names
   */
  public Set<String> blockedTypes() {
    return blockedTypes;
  }

  @Override
  public String toString() {
    return "Redaction[findings=" + findings.size() + (blocked() ? ", blocked=" + new java.util.TreeSet<>(blockedTypes)
        : "") + ", length=" + text.length() + "]";
  }
}
