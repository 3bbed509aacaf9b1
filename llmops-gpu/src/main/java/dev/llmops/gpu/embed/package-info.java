/**
 * In-process sentence embeddings: {@link dev.llmops.gpu.embed.MiniLmEmbedder}, all-MiniLM-L6-v2 on ONNX
 * Runtime, from the model files inside LangChain4j's embedding jars.
 *
 * @since 0.1
 */
@NullMarked
package dev.llmops.gpu.embed;

import org.jspecify.annotations.NullMarked;
