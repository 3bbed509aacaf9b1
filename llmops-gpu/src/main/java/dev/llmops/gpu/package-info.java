/**
 * In-process models and tokenizers on DJL, for hosts that must not send text anywhere.
 *
 * <p>{@link dev.llmops.gpu.HuggingFaceTokenizers} counts tokens with a local Hugging Face
 * {@code tokenizer.json} (Llama, Mistral, Qwen, BERT, ...), for models that jtokkit's OpenAI encodings in
 * {@link dev.llmops.core.Tokenizers} do not cover. Nothing is downloaded: the native tokenizer library
 * ships inside DJL's {@code ai.djl.huggingface:tokenizers} jar and is extracted once into DJL's cache
 * directory ({@code DJL_CACHE_DIR}, or {@code ENGINE_CACHE_DIR} for engines only; each read as an
 * environment variable first, then as a system property; by default {@code ~/.djl.ai}).
 *
 * @since 0.1
 */
@NullMarked
package dev.llmops.gpu;

import org.jspecify.annotations.NullMarked;
