package dev.llmops.samples.quarkus;

import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.RequestContext;
import dev.llmops.api.spi.BackendInfo;
import dev.llmops.api.spi.ModelBackend;
import dev.llmops.core.Backends;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The demo backend, recording what reaches it, so that the test can see what the backend was sent. As an
 * application bean it replaces the extension's default backend.
 */
// --8<-- [start:backend]
@Singleton
public class RecordingBackend implements ModelBackend {
  private final ModelBackend demo = Backends.demo();
  final List<String> seen = new CopyOnWriteArrayList<>();

  @Override
  public BackendInfo info() {
    return demo.info();
  }

  @Override
  public LlmResponse call(LlmRequest request, RequestContext context) {
    seen.add(request.lastUserMessage().content());
    return demo.call(request, context);
  }
}
// --8<-- [end:backend]
