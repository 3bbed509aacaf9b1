package dev.llmops.api;

/**
 * No tokenizer, price or profile is known for a model name. Model names are configuration, not user
 * content, so the message names it.
 *
 * @since 0.1
 */
public final class UnknownModelException extends NonRetriableException {
  private static final long serialVersionUID = 1L;
  private final String model;

  /**
   * An exception.
   *
   * @param model the unknown model name
   * @param known what is known, for the message
   */
  public UnknownModelException(String model, String known) {
    super("unknown model '" + model + "'; known: " + known, null);
    this.model = model;
  }

  /**
   * The unknown model name.
   *
   * @return the name
   */
  public String model() {
    return model;
  }
}
