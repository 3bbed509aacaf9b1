package dev.llmops.redis;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** A redis-server of the test's own on a free loopback port, that the test stops and starts again. */
final class RedisServer implements AutoCloseable {
  private final String binary;
  private final int port;
  private final Path dir;
  private @Nullable Process process;

  RedisServer(String binary) throws IOException {
    this.binary = binary;
    try (ServerSocket s = new ServerSocket(0)) {
      this.port = s.getLocalPort();
    }
    this.dir = Files.createTempDirectory("llmops-redis-test");
  }

  String uri() {
    return "redis://127.0.0.1:" + port;
  }

  void start() throws IOException {
    process = new ProcessBuilder(binary, "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "",
        "--appendonly", "no", "--dir", dir.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
    await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> "+PONG".equals(command("PING")));
  }

  void stop() throws InterruptedException {
    Process p = process;
    if (p != null) {
      p.destroy();
      p.waitFor();
      process = null;
    }
  }

  /** Sends one inline command and returns the first line of the reply. */
  String command(String inline) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      s.setSoTimeout(2000);
      OutputStream out = s.getOutputStream();
      out.write((inline + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      StringBuilder line = new StringBuilder();
      for (int c = in.read(); c != -1 && c != '\r'; c = in.read()) {
        line.append((char) c);
      }
      return line.toString();
    }
  }

  @Override
  public void close() {
    try {
      stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
