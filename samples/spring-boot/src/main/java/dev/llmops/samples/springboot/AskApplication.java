package dev.llmops.samples.springboot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The sample application. The llmops starter auto-configures the pipeline (offline: the demo backend, which
 * echoes the prompt and is not a language model), with llmops-core's PII redactor (pseudonymizing before the
 * backend, restoring in the answer), prompt-injection guard and response cache declared by the starter itself.
 */
@SpringBootApplication
public class AskApplication {
  /**
   * Starts the service.
   *
   * @param args Spring Boot arguments
   */
  public static void main(String[] args) {
    SpringApplication.run(AskApplication.class, args);
  }
}
