/** What each selection strategy draws, in plain words, as its card says it. */
import type { StrategyKind } from '@/api/extraction-schemas';

/** One or two sentences per strategy. */
export const STRATEGY_HELP: Record<StrategyKind, string> = {
  random: 'N clips drawn uniformly at random — the baseline to compare the other strategies with.',
  score_bins:
    'N clips per score-percentile bin (percentiles after the threshold), to sample the whole score range.',
  top: 'The N highest-scoring clips.',
  score_weighted: 'N clips drawn at random, weighted by score (high scores more likely).',
  zscore_weighted: 'N clips drawn at random, weighted by the z-scored score within the stratum.',
  uncertainty:
    'The N clips whose score is closest to the decision threshold: where the model is least sure, ' +
    'so each label teaches it the most. Logits are turned into probabilities with a sigmoid.',
  diversity:
    'N clips spread out in BirdNET embedding space (k-center greedy): each as different as ' +
    'possible from the clips already labelled and from the other picks, so the labels cover ' +
    'every kind of sound the model sees.',
  hybrid:
    'Diversity first, uncertainty as labels grow: while a class has few labels it spreads its ' +
    'picks over embedding space; with more labels it picks among the most uncertain clips. The ' +
    'recommended strategy for each new round.',
};

/** Helper text of the candidate-pool field of the strategies that embed their candidates. */
export const POOL_HELP =
  'Candidates per stratum embedded at most (a random sample when there are more).';

/** Helper text of the embedding-cache field, shown while diversity or hybrid is on. */
export const EMBEDDING_CACHE_HELP =
  'Candidates not in the cache yet are embedded with BirdNET before picking, which takes a ' +
  'while; inference with a Dipper model fills the cache, so a “Next round” folder needs no ' +
  'embedding. Empty: the Dipper data folder’s embedding_cache, shared with Training.';

/** What an empty decision-threshold field means (its placeholder). */
export const AUTO_THRESHOLD_LABEL = 'Auto (from your labels)';

/** Helper text of the decision-threshold field. */
export const THRESHOLD_HELP =
  'Empty: each class gets the share of “no” among its yes/no labels in the already-labelled ' +
  'files (7 yes, 93 no → 0.93), the score a model trained on them gives when unsure. Or type a ' +
  'probability between 0 and 1.';
