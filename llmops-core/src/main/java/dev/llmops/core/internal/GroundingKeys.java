package dev.llmops.core.internal;

import dev.llmops.api.ContextKey;
import java.util.List;

/** Context keys that the grounding stage writes and other core packages (the groundedness guard) read. */
public final class GroundingKeys {
  /** The {@code List<RetrievedDocument>} that grounded the request. */
  @SuppressWarnings("rawtypes")
  public static final ContextKey<List> DOCUMENTS = ContextKey.of("ground.documents", List.class);

  private GroundingKeys() {}
}
