package dev.llmops.api;

/**
 * What a guard concluded about a text.
 *
 * @since 0.1
 */
public enum Verdict {
  /** Nothing wrong. */
  ALLOW,
  /** Must not pass. */
  DENY,
  /** May pass once changed; the guard result carries the replacement. */
  MODIFY,
  /** May pass, but worth flagging. */
  WARN
}
