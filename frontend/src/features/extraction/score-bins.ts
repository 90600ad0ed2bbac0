/** The score-percentile bins of the score-bin strategy, typed as JSON text in the form. */
import { DEFAULT_SCORE_BINS } from '@/api/extraction-schemas';

/** The default bins as the form shows them. */
export const DEFAULT_SCORE_BINS_TEXT = JSON.stringify(DEFAULT_SCORE_BINS);

/** What to type, repeated in every error message. */
const EXAMPLE = 'like [[0,75],[75,90],[90,95],[95,100]]';

/**
 * Parse and check the bins text: a JSON list of `[low, high]` percentile pairs with
 * 0 ≤ low < high ≤ 100.
 * @param text - What the user typed.
 * @returns The bins, or an error in plain words saying what to type.
 */
export function parseScoreBins(text: string): { bins: [number, number][] } | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return {
      error: `Score bins are not valid JSON: type a list of [low, high] pairs, ${EXAMPLE}.`,
    };
  }
  if (!Array.isArray(value) || value.length === 0) {
    return { error: `Score bins must be a non-empty list of [low, high] pairs, ${EXAMPLE}.` };
  }
  const bins: [number, number][] = [];
  for (const [index, pair] of value.entries()) {
    const position = `Bin ${index + 1}`;
    if (
      !Array.isArray(pair) ||
      pair.length !== 2 ||
      !pair.every((x) => typeof x === 'number' && Number.isFinite(x))
    ) {
      return { error: `${position} is not a pair of two numbers [low, high], ${EXAMPLE}.` };
    }
    const [low, high] = pair as [number, number];
    if (low < 0 || high > 100) {
      return { error: `${position} [${low}, ${high}] goes outside 0–100 (they are percentiles).` };
    }
    if (low >= high) {
      return {
        error: `${position} [${low}, ${high}]: the low percentile must be below the high one.`,
      };
    }
    bins.push([low, high]);
  }
  return { bins };
}
