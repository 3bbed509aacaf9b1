package dev.llmops.core.pii;

/**
 * The built-in entity types, named as in the labelled corpus. Findings carry the name as a string, so a
 * plugged-in {@link dev.llmops.api.spi.PiiDetector} may add types of its own.
 *
 * @since 0.1
 */
public enum PiiType {
  /** An e-mail address. */
  EMAIL(false),
  /** A telephone number, validated with libphonenumber. */
  PHONE(false),
  /** A payment card number: network prefix, length and Luhn. */
  CREDIT_CARD(false),
  /** An IBAN: per-country length and ISO 7064 mod-97. */
  IBAN(false),
  /** A US social security number obeying the SSA structure rules. */
  US_SSN(false),
  /** An IPv4 or IPv6 address. */
  IP_ADDRESS(false),
  /** A URL with a scheme or starting with {@code www.}. */
  URL(false),
  /** A date in a birth context (born, DOB, geb., née, nacido...). */
  DATE_OF_BIRTH(false),
  /** A person's name (rules, word lists, titles and context; no model). */
  PERSON(false),
  /** A street address, from house number or street to postcode and city. */
  STREET_ADDRESS(false),
  /** An AWS access key id. */
  AWS_ACCESS_KEY(true),
  /** An AWS secret access key assigned to a name that says so. */
  AWS_SECRET_KEY(true),
  /** A GitHub token. */
  GITHUB_TOKEN(true),
  /** A JSON Web Token. */
  JWT(true),
  /** A PEM or OpenSSH or PGP private key block. */
  PRIVATE_KEY(true),
  /** A Slack token. */
  SLACK_TOKEN(true),
  /** A Stripe secret or restricted key. */
  STRIPE_KEY(true),
  /** A high-entropy value assigned to a name such as {@code key}, {@code token}, {@code secret}, {@code password}. */
  SECRET(true);

  private final boolean secret;

  PiiType(boolean secret) {
    this.secret = secret;
  }

  /**
   * Whether this is a secret (credential) rather than personal data. Secrets stand on their own when
   * findings overlap.
   *
   * @return true for secrets
   */
  public boolean isSecret() {
    return secret;
  }

  /**
   * Whether a type name is a secret type.
   *
   * @param type a type name
   * @return true if it names a built-in secret type
   */
  static boolean isSecret(String type) {
    for (PiiType t : values()) {
      if (t.name().equals(type)) {
        return t.secret;
      }
    }
    return false;
  }
}
