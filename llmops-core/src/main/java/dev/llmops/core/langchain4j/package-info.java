/**
 * LangChain4j interop: {@link dev.llmops.core.langchain4j.LangChain4j#backend} wraps any LangChain4j
 * {@code ChatModel} (and {@code StreamingChatModel}) as a {@link dev.llmops.api.spi.ModelBackend}, and
 * {@link dev.llmops.core.langchain4j.LangChain4j#chatModel} exposes an {@link dev.llmops.core.LlmPipeline}
 * as a LangChain4j model, so that {@code AiServices} run through the operations layer.
 *
 * @since 0.1
 */
@NullMarked
package dev.llmops.core.langchain4j;

import org.jspecify.annotations.NullMarked;
