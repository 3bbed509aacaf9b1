package dev.llmops.samples.springboot;

import dev.llmops.api.BackendUnavailableException;
import dev.llmops.api.ContextWindowExceededException;
import dev.llmops.api.GuardResult;
import dev.llmops.api.InvalidRequestException;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.LlmopsException;
import dev.llmops.core.LlmPipeline;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /ask}: one question in, one answer out, through the pipeline. */
@RestController
class AskController {
  private final LlmPipeline pipeline;

  AskController(LlmPipeline pipeline) {
    this.pipeline = pipeline;
  }

  /**
   * A question.
   *
   * @param question the user's question
   */
  record Ask(@Nullable String question) {}

  /**
   * An answer.
   *
   * @param answer the text
   * @param inputTokens billed tokens of the request (0 when the response cache answered)
   * @param outputTokens billed tokens of the answer (0 when the response cache answered)
   */
  record Answer(String answer, int inputTokens, int outputTokens) {}

  /**
   * A refusal.
   *
   * @param blocked always true
   * @param verdicts each guard's verdict
   */
  record Blocked(boolean blocked, List<GuardResult> verdicts) {}

  // --8<-- [start:ask]
  @PostMapping("/ask")
  ResponseEntity<?> ask(@RequestBody Ask body) {
    if (body.question() == null || body.question().isBlank()) {
      return ResponseEntity.badRequest().body(Map.of("error", "question is required"));
    }
    LlmResponse r = pipeline.call(LlmRequest.of(body.question()));
    if (r.isBlocked()) {
      return ResponseEntity.status(422).body(new Blocked(true, r.guardResults()));
    }
    return ResponseEntity.ok(new Answer(r.text(), r.usage().inputTokens(), r.usage().outputTokens()));
  }
  // --8<-- [end:ask]

  @ExceptionHandler(LlmopsException.class)
  ResponseEntity<Map<String, String>> failed(LlmopsException e) {
    int status = e instanceof ContextWindowExceededException ? 413
        : e instanceof InvalidRequestException ? 400
        : e instanceof BackendUnavailableException ? 503
        : 502;
    // llmops exception messages are content-free, so they may go back to the caller.
    return ResponseEntity.status(status).body(Map.of("error", e.getClass().getSimpleName(),
        "message", String.valueOf(e.getMessage())));
  }
}
