package dev.llmops.samples.springboot;

import dev.llmops.api.spi.Stage;
import dev.llmops.samples.springboot.standin.StandInPseudonymizer;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The sample application. The llmops starter auto-configures the pipeline (offline: the demo backend, which
 * echoes the prompt and is not a language model), with llmops-core's prompt-injection guard and response cache
 * declared by the starter itself. The bean below joins the pipeline because it implements an llmops SPI.
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

  /**
   * STAND-IN for llmops-core's PII redactor: pseudonymizes e-mail addresses before the backend and restores them
   * in the answer.
   *
   * @return the stage
   */
  @Bean
  Stage standInPseudonymizer() {
    return new StandInPseudonymizer();
  }
}
