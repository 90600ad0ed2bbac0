/** A loop record as `GET /api/loop` sends it: two rounds of a two-class loop. */
export const LOOP_DIR = '/data/loop';

export function roundJson(round: number, overrides: Record<string, unknown> = {}) {
  return {
    round,
    finished_at: `2026-11-2${round}T05:00:00+00:00`,
    job_dir: `/data/jobs/training_${round}`,
    model_file: `/data/jobs/training_${round}/model.dipper.pt`,
    model_type: 'shallow',
    classes: ['Great Tit', 'Storm-Petrel'],
    n_labels: 100 * round,
    label_counts: {
      'Great Tit': { positive: 10 * round, negative: 40 * round },
      'Storm-Petrel': { positive: 5 * round, negative: 45 * round },
    },
    mean_average_precision: 0.5 + 0.2 * (round - 1),
    average_precision: { 'Great Tit': 0.6 + 0.2 * (round - 1), 'Storm-Petrel': null },
    evaluation: 'split',
    annotation_files: [`/data/review/round_${round}.csv`, '/data/review/shared.csv'],
    audio_roots: ['/data/audio'],
    ...overrides,
  };
}

export function loopJson(rounds = [roundJson(1), roundJson(2)], mixed = false) {
  const point = (r: ReturnType<typeof roundJson>, value: number | null) =>
    value === null ? [] : [{ round: r.round, n_labels: r.n_labels, value }];
  return {
    loop_dir: LOOP_DIR,
    path: `${LOOP_DIR}/dipper_loop.json`,
    exists: rounds.length > 0,
    version: 1,
    rounds,
    warnings: [],
    curve: {
      mean: rounds.flatMap((r) => point(r, r.mean_average_precision)),
      per_class: {
        'Great Tit': rounds.flatMap((r) => point(r, r.average_precision['Great Tit'])),
      },
      evaluation_kinds: mixed ? ['split', 'evaluation set'] : ['split'],
      mixed_evaluation: mixed,
    },
  };
}
