package dev.llmops.samples.quarkus;

import dev.llmops.api.BackendUnavailableException;
import dev.llmops.api.ContextWindowExceededException;
import dev.llmops.api.GuardResult;
import dev.llmops.api.InvalidRequestException;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.LlmopsException;
import dev.llmops.core.LlmPipeline;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jspecify.annotations.Nullable;

/**
 * {@code POST /ask}: one question in, one answer out, through the pipeline. The pipeline is the extension's
 * (offline: the demo backend, which echoes the prompt and is not a language model), with llmops-core's PII
 * redactor (pseudonymizing before the backend, restoring in the answer), prompt-injection guard and response
 * cache, all produced by the extension.
 */
@Path("/ask")
public class AskResource {
  private final LlmPipeline pipeline;

  AskResource(LlmPipeline pipeline) {
    this.pipeline = pipeline;
  }

  /**
   * A question.
   *
   * @param question the user's question
   */
  public record Ask(@Nullable String question) {}

  /**
   * An answer.
   *
   * @param answer the text
   * @param inputTokens billed tokens of the request (0 when the response cache answered)
   * @param outputTokens billed tokens of the answer (0 when the response cache answered)
   */
  public record Answer(String answer, int inputTokens, int outputTokens) {}

  /**
   * A refusal.
   *
   * @param blocked always true
   * @param verdicts each guard's verdict
   */
  public record Blocked(boolean blocked, List<GuardResult> verdicts) {}

  /**
   * Answers a question.
   *
   * @param body the question
   * @return 200 with the answer, 422 with the verdicts if a guard blocked it, 400 without a question
   */
  // --8<-- [start:ask]
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response ask(Ask body) {
    if (body == null || body.question() == null || body.question().isBlank()) {
      return Response.status(400).entity(Map.of("error", "question is required")).build();
    }
    LlmResponse r = pipeline.call(LlmRequest.of(body.question()));
    if (r.isBlocked()) {
      return Response.status(422).entity(new Blocked(true, r.guardResults())).build();
    }
    return Response.ok(new Answer(r.text(), r.usage().inputTokens(), r.usage().outputTokens())).build();
  }
  // --8<-- [end:ask]

  @ServerExceptionMapper
  Response failed(LlmopsException e) {
    int status = e instanceof ContextWindowExceededException ? 413
        : e instanceof InvalidRequestException ? 400
        : e instanceof BackendUnavailableException ? 503
        : 502;
    // llmops exception messages are content-free, so they may go back to the caller.
    return Response.status(status).type(MediaType.APPLICATION_JSON)
        .entity(Map.of("error", e.getClass().getSimpleName(), "message", String.valueOf(e.getMessage())))
        .build();
  }
}
