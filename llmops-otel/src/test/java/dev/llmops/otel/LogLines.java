package dev.llmops.otel;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/** Keeps logging events with their MDC as it was when they were logged. */
final class LogLines extends ListAppender<ILoggingEvent> {
  @Override
  protected void append(ILoggingEvent e) {
    e.prepareForDeferredProcessing();
    super.append(e);
  }
}
