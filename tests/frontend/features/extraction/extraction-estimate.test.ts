import { describe, expect, it } from 'vitest';
import type { ExtractionScan } from '@/api/extraction-schemas';
import {
  clipsPerStratum,
  estimateClips,
  weeksBetween,
} from '@/features/extraction/extraction-estimate';
import { defaultExtractionValues } from '@/features/extraction/extraction-form';

function scan(overrides: Partial<ExtractionScan> = {}): ExtractionScan {
  return {
    predictions_dir: '/jobs/inf',
    files: ['a', 'b', 'c', 'd', 'e'].map((sub) => ({
      path: `/jobs/inf/predictions__${sub}.csv`,
      relative_path: `predictions__${sub}.csv`,
      format: 'dense' as const,
      rows: 10,
      subfolder: sub,
    })),
    rows: 50,
    classes: ['A', 'B', 'C'],
    problems: [],
    timestamps: {
      parsed_files: 5,
      unparsed_files: [],
      unparsed_count: 0,
      first_date: '2024-05-01',
      last_date: '2024-05-20',
    },
    ...overrides,
  };
}

describe('estimateClips', () => {
  it('multiplies classes × subfolders × date windows × clips per stratum (SPEC example)', () => {
    const values = {
      ...defaultExtractionValues(),
      classes: ['A', 'B'],
      stratify_by_subfolder: true,
      stratify_date_windows: [1, 2, 3, 4].map((key) => ({ key, start: null, end: null })),
    };
    values.strategies = { ...values.strategies, random: { enabled: true, n: 1 } };
    const estimate = estimateClips(values, scan(), undefined);
    expect(estimate.total).toBe(40);
    expect(estimate.text).toBe(
      '2 classes × 5 subfolders × 4 date windows × 1 clip per stratum = up to 40 clips',
    );
  });

  it('adds up strategies (N per bin for score bins), weeks and metadata values', () => {
    const values = {
      ...defaultExtractionValues(),
      classes: ['A'],
      stratify_by_week: true,
      metadata_csv: '/sites.csv',
      metadata_columns: ['habitat'],
    };
    values.strategies = {
      ...values.strategies,
      random: { enabled: true, n: 3 },
      top: { enabled: true, n: 2 },
      score_bins: { enabled: true, n: 1 },
    };
    expect(clipsPerStratum(values)).toBe(3 + 2 + 4);
    const metadata = { columns: [{ name: 'habitat', unique_values: 3 }], rows: 5, problems: [] };
    const estimate = estimateClips(values, scan(), metadata);
    expect(estimate.total).toBe(1 * 3 * 3 * 9);
    expect(estimate.text).toContain('3 weeks × 3 habitat values × 9 clips per stratum');
  });

  it('names strata it cannot count instead of guessing', () => {
    const values = { ...defaultExtractionValues(), classes: ['A', 'B'], stratify_by_file: true };
    const estimate = estimateClips(values, scan(), undefined);
    expect(estimate.total).toBeNull();
    expect(estimate.text).toBe(
      '2 classes × each of the audio files × 10 clips per stratum: up to 20 clips for each of the audio files',
    );
  });

  it('counts the active-learning strategies like random: N per stratum each', () => {
    const values = {
      ...defaultExtractionValues(),
      classes: ['A', 'B'],
      stratify_by_subfolder: true,
    };
    values.strategies = {
      ...values.strategies,
      random: { enabled: true, n: 2 },
      uncertainty: { enabled: true, n: 3, threshold: 0.5 },
      diversity: { enabled: false, n: 100, max_pool: 2000 },
      hybrid: { enabled: true, n: 5, threshold: 0.5, max_pool: 2000 },
    };
    expect(clipsPerStratum(values)).toBe(2 + 3 + 5);
    const estimate = estimateClips(values, scan(), undefined);
    expect(estimate.total).toBe(2 * 5 * 10);
    expect(estimate.text).toBe('2 classes × 5 subfolders × 10 clips per stratum = up to 100 clips');
  });

  it('counts nothing for a switched-off or invalid strategy', () => {
    const values = { ...defaultExtractionValues(), classes: ['A'] };
    values.strategies = { ...values.strategies, random: { enabled: true, n: Number.NaN } };
    expect(clipsPerStratum(values)).toBe(0);
  });
});

describe('weeksBetween', () => {
  it('counts the weeks touched between two dates, inclusive', () => {
    expect(weeksBetween('2024-05-01', '2024-05-01')).toBe(1);
    expect(weeksBetween('2024-05-01', '2024-05-07')).toBe(1);
    expect(weeksBetween('2024-05-01', '2024-05-08')).toBe(2);
    expect(weeksBetween(null, '2024-05-08')).toBeNull();
    expect(weeksBetween('2024-05-09', '2024-05-08')).toBeNull();
  });
});
