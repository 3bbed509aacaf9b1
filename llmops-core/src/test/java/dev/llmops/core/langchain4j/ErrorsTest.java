package dev.llmops.core.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.RetriableException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.llmops.api.BackendException;
import dev.llmops.api.BackendTimeoutException;
import dev.llmops.api.BackendUnavailableException;
import dev.llmops.api.CancelledException;
import dev.llmops.api.GuardBlockedException;
import dev.llmops.api.GuardResult;
import dev.llmops.api.LlmopsException;
import dev.llmops.api.RateLimitedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The exception mapping, case by case, with the exceptions LangChain4j 1.19's OpenAI client was seen to throw. */
class ErrorsTest {
  static final String SECRET = "BODY {\"error\": \"echo of the prompt\"}";
  static final Duration ELAPSED = Duration.ofMillis(250);

  static LlmopsException map(Throwable t) {
    LlmopsException e = Errors.map("b", t, ELAPSED);
    Secrets.assertContentFree(e, SECRET);
    return e;
  }

  @AfterEach
  void clearInterrupt() {
    Thread.interrupted();
  }

  @Test
  void timeouts() {
    LlmopsException e = map(new TimeoutException(new HttpTimeoutException("request timed out")));
    assertThat(e).isExactlyInstanceOf(BackendTimeoutException.class);
    assertThat(((BackendTimeoutException) e).timeout()).isEqualTo(ELAPSED);
    assertThat(e.getCause()).as("the transport cause is kept").isInstanceOf(HttpTimeoutException.class);
    assertThat(map(new CompletionException(new HttpTimeoutException("x"))))
        .isExactlyInstanceOf(BackendTimeoutException.class);
    assertThat(map(new UncheckedIOException(new SocketTimeoutException("Read timed out"))))
        .isExactlyInstanceOf(BackendTimeoutException.class);
    assertThat(map(new RuntimeException(new java.util.concurrent.TimeoutException())))
        .isExactlyInstanceOf(BackendTimeoutException.class);
    assertThat(map(new HttpException(408, SECRET))).isExactlyInstanceOf(BackendTimeoutException.class);
  }

  @Test
  void rateLimits() {
    LlmopsException e = map(new RateLimitException(SECRET, new HttpException(429, SECRET)));
    assertThat(e).isExactlyInstanceOf(RateLimitedException.class);
    assertThat(((RateLimitedException) e).retryAfter()).isNull();
    assertThat(e.getCause()).isNull();
    assertThat(map(new HttpException(429, SECRET))).isExactlyInstanceOf(RateLimitedException.class);
  }

  @Test
  void serverErrorsAndConnectionFailuresAreUnavailable() {
    LlmopsException e = map(new InternalServerException(SECRET, new HttpException(502, SECRET)));
    assertThat(e).isExactlyInstanceOf(BackendUnavailableException.class);
    assertThat(((BackendUnavailableException) e).statusCode()).isEqualTo(502);
    assertThat(e.getCause()).as("a LangChain4j cause may hold the body").isNull();
    assertThat(map(new HttpException(503, SECRET))).isExactlyInstanceOf(BackendUnavailableException.class);
    assertThat(map(new RetriableException(SECRET))).isExactlyInstanceOf(BackendUnavailableException.class);

    LlmopsException refused = map(new RuntimeException(new ConnectException()));
    assertThat(refused).isExactlyInstanceOf(BackendUnavailableException.class);
    assertThat(((BackendUnavailableException) refused).statusCode()).isEqualTo(-1);
    assertThat(refused.getCause()).isInstanceOf(ConnectException.class);
    assertThat(map(new CompletionException(new ConnectException())))
        .isExactlyInstanceOf(BackendUnavailableException.class);
    assertThat(map(new UncheckedIOException(new IOException("connection reset"))))
        .isExactlyInstanceOf(BackendUnavailableException.class);
  }

  @Test
  void clientErrorsAreBackendExceptionsWithTheirStatus() {
    assertStatus(map(new AuthenticationException(SECRET, new HttpException(401, SECRET))), 401);
    assertStatus(map(new ModelNotFoundException(SECRET, new HttpException(404, SECRET))), 404);
    assertStatus(map(new dev.langchain4j.exception.InvalidRequestException(SECRET, new HttpException(400, SECRET))),
        400);
    assertStatus(map(new ContentFilteredException(SECRET)), -1);
    assertStatus(map(new UnsupportedFeatureException(SECRET)), -1);
    assertStatus(map(new HttpException(418, SECRET)), 418);
    assertStatus(map(new AuthenticationException(SECRET)), -1);
  }

  @Test
  void unparseableAnswersAreBackendExceptions() throws Exception {
    Exception parse;
    try {
      FakeOpenAiServer.JSON.readTree("{not json " + SECRET);
      throw new AssertionError("expected a parse failure");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      parse = e;
    }
    LlmopsException e = map(new RuntimeException(parse));
    assertThat(e).isExactlyInstanceOf(BackendException.class).hasMessageContaining("parsed");
    assertThat(e.getCause()).isNull();
  }

  @Test
  void anythingElseIsABackendException() {
    assertStatus(map(new IllegalStateException(SECRET)), -1);
    assertStatus(map(new LangChain4jException(SECRET)), -1);
  }

  @Test
  void llmopsExceptionsPassThrough() {
    GuardBlockedException blocked = new GuardBlockedException(GuardResult.deny("toxicity", "insult", 0.9, "insult"));
    assertThat(Errors.map("b", new RuntimeException(blocked), ELAPSED)).isSameAs(blocked);
    RateLimitedException rl = new RateLimitedException("inner", Duration.ofSeconds(3), null);
    assertThat(Errors.map("b", rl, ELAPSED)).isSameAs(rl);
  }

  @Test
  void interruptionIsCancellationAndKeepsTheFlag() {
    LlmopsException e = map(new RuntimeException(new InterruptedException()));
    assertThat(e).isExactlyInstanceOf(CancelledException.class);
    assertThat(Thread.currentThread().isInterrupted()).isTrue();
  }

  private static void assertStatus(LlmopsException e, int status) {
    assertThat(e).isExactlyInstanceOf(BackendException.class);
    assertThat(((BackendException) e).statusCode()).isEqualTo(status);
    assertThat(((BackendException) e).backend()).isEqualTo("b");
  }
}
