/**
 * Cost and spending control: a {@link dev.llmops.core.cost.PriceTable} of per-model token prices, and
 * {@link dev.llmops.core.cost.CostControl}, a stage that prices every answer, enforces daily budgets per
 * tenant, per user or overall before the backend is called, and limits requests and tokens per minute.
 *
 * @since 0.1
 */
@NullMarked
package dev.llmops.core.cost;

import org.jspecify.annotations.NullMarked;
