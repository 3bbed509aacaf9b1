package dev.llmops.core;

import dev.llmops.api.spi.Stage;
import dev.llmops.api.spi.StageKind;

/** A stage in its place in the chain. */
record Slot(Stage stage, StageKind kind, String name) {
  static Slot of(Stage stage, StageKind kind) {
    String name;
    try {
      name = stage.name();
    } catch (RuntimeException e) {
      name = stage.getClass().getName();
    }
    return new Slot(stage, kind, name);
  }
}
