package dev.llmops.gpu.generate;

/**
 * A snapshot of a {@link LocalBackend}'s generator.
 *
 * @param queued requests waiting to join the batch
 * @param active sequences in the batch
 * @param kvCacheBytes bytes of KV cache the batch holds (its rows at the current capacity, which grows in
 *     steps of 32 positions with the longest sequence, up to the context length)
 * @param deviceMemoryUsedBytes GPU memory in use on the model's device, or -1 on the CPU
 * @param deviceMemoryTotalBytes GPU memory of the model's device, or -1 on the CPU
 * @param steps decode steps run so far
 * @param batchedTokens tokens produced by those steps (the mean batch size is {@code batchedTokens / steps})
 * @since 0.1
 */
public record GeneratorStats(
    int queued,
    int active,
    long kvCacheBytes,
    long deviceMemoryUsedBytes,
    long deviceMemoryTotalBytes,
    long steps,
    long batchedTokens) {}
