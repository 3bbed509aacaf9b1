package dev.llmops.core.langchain4j;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A loopback HTTP server that answers in OpenAI's chat-completions wire format, for driving LangChain4j's
 * own OpenAI client in tests. Each request takes the next queued {@link Responder}, or the default one.
 */
final class FakeOpenAiServer implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  /** Writes one response. */
  @FunctionalInterface
  interface Responder {
    void respond(HttpExchange exchange, JsonNode requestBody) throws IOException;
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "fake-openai");
    t.setDaemon(true);
    return t;
  });
  private final Queue<Responder> queued = new ConcurrentLinkedQueue<>();
  private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
  private final List<CountDownLatch> latches = new CopyOnWriteArrayList<>();
  private volatile Responder fallback = smart("Hello from the fake server.");

  FakeOpenAiServer() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(executor);
    server.createContext("/v1/chat/completions", this::handle);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  /** Queues the responder for the next request. */
  FakeOpenAiServer enqueue(Responder responder) {
    queued.add(responder);
    return this;
  }

  /** Sets the responder used when nothing is queued. */
  FakeOpenAiServer fallback(Responder responder) {
    this.fallback = responder;
    return this;
  }

  /** The request bodies received, oldest first. */
  List<JsonNode> requests() {
    return List.copyOf(requests);
  }

  JsonNode lastRequest() {
    if (requests.isEmpty()) {
      throw new AssertionError("the server received no request");
    }
    return requests.get(requests.size() - 1);
  }

  /** A latch released by {@link #close()} at the latest, so a hanging responder never outlives a test. */
  CountDownLatch latch() {
    CountDownLatch latch = new CountDownLatch(1);
    latches.add(latch);
    return latch;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] bytes = exchange.getRequestBody().readAllBytes();
      JsonNode body = JSON.readTree(bytes.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : bytes);
      requests.add(body);
      Responder r = queued.poll();
      (r != null ? r : fallback).respond(exchange, body);
    }
  }

  @Override
  public void close() {
    latches.forEach(CountDownLatch::countDown);
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ---------------------------------------------------------------- responders

  /** Answers with {@code text}: as SSE, word by word, when the request asks for a stream, else as JSON. */
  static Responder smart(String text) {
    return (exchange, body) -> {
      if (body.path("stream").asBoolean(false)) {
        List<String> pieces = List.of(text.split("(?<= )"));
        sse(pieces, "stop", 5, pieces.size()).respond(exchange, body);
      } else {
        json(200, completion(text, body.path("model").asText("gpt-test"), 5, 7, "stop").toString())
            .respond(exchange, body);
      }
    };
  }

  /** A fixed status and body. */
  static Responder json(int status, String body) {
    return json(status, body, null, null);
  }

  /** A fixed status and body, with one extra header. */
  static Responder json(int status, String body, String header, String value) {
    return (exchange, request) -> {
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      if (header != null) {
        exchange.getResponseHeaders().add(header, value);
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        exchange.getResponseBody().write(bytes);
      }
    };
  }

  /** Waits for {@code latch} before answering at all (no headers until then). */
  static Responder hang(CountDownLatch latch, Responder then) {
    return (exchange, body) -> {
      try {
        latch.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      then.respond(exchange, body);
    };
  }

  /** An SSE stream of content deltas, a finish event, a usage event and {@code [DONE]}. */
  static Responder sse(List<String> pieces, String finishReason, int promptTokens, int completionTokens) {
    return (exchange, body) -> {
      OutputStream out = startSse(exchange);
      String model = body.path("model").asText("gpt-test");
      for (String p : pieces) {
        event(out, delta(model, p, null));
      }
      event(out, delta(model, null, finishReason));
      ObjectNode usage = chunk(model);
      usage.putArray("choices");
      usage.set("usage", usage(promptTokens, completionTokens));
      event(out, usage.toString());
      out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
    };
  }

  static OutputStream startSse(HttpExchange exchange) throws IOException {
    exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
    exchange.sendResponseHeaders(200, 0);
    return exchange.getResponseBody();
  }

  static void event(OutputStream out, String data) throws IOException {
    out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  static String delta(String model, String content, String finishReason) {
    ObjectNode c = chunk(model);
    ObjectNode choice = c.putArray("choices").addObject();
    choice.put("index", 0);
    ObjectNode delta = choice.putObject("delta");
    if (content != null) {
      delta.put("content", content);
    }
    if (finishReason != null) {
      choice.put("finish_reason", finishReason);
    } else {
      choice.putNull("finish_reason");
    }
    return c.toString();
  }

  private static ObjectNode chunk(String model) {
    ObjectNode c = JSON.createObjectNode();
    c.put("id", "chatcmpl-test");
    c.put("object", "chat.completion.chunk");
    c.put("created", 1_700_000_000L);
    c.put("model", model);
    return c;
  }

  static ObjectNode completion(String text, String model, int promptTokens, int completionTokens,
      String finishReason) {
    ObjectNode c = JSON.createObjectNode();
    c.put("id", "chatcmpl-test");
    c.put("object", "chat.completion");
    c.put("created", 1_700_000_000L);
    c.put("model", model);
    ObjectNode choice = c.putArray("choices").addObject();
    choice.put("index", 0);
    ObjectNode message = choice.putObject("message");
    message.put("role", "assistant");
    message.put("content", text);
    choice.put("finish_reason", finishReason);
    c.set("usage", usage(promptTokens, completionTokens));
    return c;
  }

  static ObjectNode toolCallCompletion(String model, String callId, String name, String arguments) {
    ObjectNode c = completion("", model, 20, 9, "tool_calls");
    ObjectNode message = (ObjectNode) c.path("choices").path(0).path("message");
    message.putNull("content");
    ArrayNode calls = message.putArray("tool_calls");
    ObjectNode call = calls.addObject();
    call.put("id", callId);
    call.put("type", "function");
    ObjectNode fn = call.putObject("function");
    fn.put("name", name);
    fn.put("arguments", arguments);
    return c;
  }

  private static ObjectNode usage(int promptTokens, int completionTokens) {
    ObjectNode u = JSON.createObjectNode();
    u.put("prompt_tokens", promptTokens);
    u.put("completion_tokens", completionTokens);
    u.put("total_tokens", promptTokens + completionTokens);
    return u;
  }
}
