package dev.llmops.core.pii;

/**
 * What a {@link PiiRedactor} does with a finding of a type.
 *
 * @since 0.1
 */
public enum PiiAction {
  /** Leave the value as it is. */
  KEEP,
  /** Replace it by {@code [TYPE]}. */
  REDACT,
  /** Replace every letter and digit but the last four by {@code *}; separators stay. */
  MASK,
  /** Replace it by {@code [TYPE:hex]}, a keyed HMAC-SHA256 of the value (64 bits shown). */
  HASH,
  /** Replace it by a placeholder such as {@code <PERSON_3f9a0c12>} that the answer's restore reverses. */
  PSEUDONYMIZE,
  /** Refuse the whole request (or answer). */
  BLOCK
}
