/** Answers of the training routes as the server sends them (the contract in training-schemas). */
import type { LabelSourceSummary, LabelSummary, TrainingSummary } from '@/api/training-schemas';

export const TIT_CSV = '/data/review/Great Tit_annotation_task_20260101-120000.csv';
export const MULTI_CSV = '/data/review/annotation_task_20260101-120000.csv';

/** A binary Review CSV about Great Tit: 23 yes, 40 no. */
export function binarySource(overrides: Partial<LabelSourceSummary> = {}): LabelSourceSummary {
  return {
    kind: 'annotation_file',
    path: TIT_CSV,
    unit: 'labels',
    rows: 70,
    counts: { 'Great Tit': { positive: 23, negative: 40 } },
    problems: [],
    mode: 'binary',
    class_name: 'Great Tit',
    suggested_class_name: 'Great Tit',
    not_reviewed: 5,
    uncertain: 2,
    audio_files: 12,
    missing_audio_files: 0,
    ...overrides,
  };
}

/** The label summary of some sources, totals summed over them. */
export function labelSummary(sources: LabelSourceSummary[]): LabelSummary {
  const totals: LabelSummary['totals'] = {};
  for (const source of sources) {
    for (const [name, counts] of Object.entries(source.counts)) {
      const total = (totals[name] ??= { positive: 0, negative: 0 });
      total.positive += counts.positive;
      total.negative += counts.negative;
    }
  }
  return { sources, classes: Object.keys(totals), totals, warnings: [] };
}

/** A completed training task's summary. */
export function trainingSummary(overrides: Partial<TrainingSummary> = {}): TrainingSummary {
  return {
    mean_average_precision: 0.8125,
    classes: {
      'Great Tit': { average_precision: 0.875, roc_auc: 0.9, n_positive: 6, n_negative: 10 },
      petrel: { average_precision: 0.75, roc_auc: 0.8, n_positive: 4, n_negative: 12 },
    },
    n_train_windows: 48,
    n_validation_windows: 16,
    model_file: '/data/models/training_20260101-120000_abc123/model.dipper.pt',
    report_file: '/data/models/training_20260101-120000_abc123/report.html',
    ...overrides,
  };
}
