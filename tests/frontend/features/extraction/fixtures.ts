/** Answers of the extraction routes as the server sends them (the contract in extraction-schemas). */
import type {
  ExtractionMetadata,
  ExtractionScan,
  ExtractionSummary,
} from '@/api/extraction-schemas';

export const GREAT_TIT = 'Parus major_Great Tit';
export const PETREL = 'Hydrobates pelagicus_European Storm-Petrel';
export const ROBIN = 'Erithacus rubecula_European Robin';

/** A scan of an inference job split by subfolder: two sparse files, one dense, three classes. */
export function scanJson(overrides: Partial<ExtractionScan> = {}): ExtractionScan {
  return {
    predictions_dir: '/data/jobs/inference_1',
    files: [
      {
        path: '/data/jobs/inference_1/sparse_predictions__great_tit.pkl',
        relative_path: 'sparse_predictions__great_tit.pkl',
        format: 'sparse',
        rows: 120,
        subfolder: 'great_tit',
      },
      {
        path: '/data/jobs/inference_1/sparse_predictions__storm_petrel.pkl',
        relative_path: 'sparse_predictions__storm_petrel.pkl',
        format: 'sparse',
        rows: 80,
        subfolder: 'storm_petrel',
      },
      {
        path: '/data/jobs/inference_1/predictions__audiomoth.csv',
        relative_path: 'predictions__audiomoth.csv',
        format: 'dense',
        rows: 1000,
        subfolder: 'audiomoth',
      },
    ],
    rows: 1200,
    classes: [GREAT_TIT, PETREL, ROBIN],
    problems: [
      {
        path: '/data/jobs/inference_1/bad.csv',
        message: 'bad.csv is not a predictions file: no start_time column',
      },
    ],
    timestamps: {
      parsed_files: 4,
      unparsed_files: [
        '/data/audio/storm_petrel/XC46092.wav',
        '/data/audio/storm_petrel/XC46093.wav',
      ],
      unparsed_count: 2,
      first_date: '2021-04-15',
      last_date: '2021-04-20',
    },
    ...overrides,
  };
}

export function metadataJson(overrides: Partial<ExtractionMetadata> = {}): ExtractionMetadata {
  return {
    columns: [
      { name: 'habitat', unique_values: 3 },
      { name: 'site', unique_values: 12 },
    ],
    rows: 12,
    problems: [],
    ...overrides,
  };
}

/** A binary extraction's summary: two classes, two strategies, one CSV per class. */
export function summaryJson(overrides: Partial<ExtractionSummary> = {}): ExtractionSummary {
  return {
    rows: [
      {
        class: GREAT_TIT,
        stratum: 'great_tit',
        strategy: 'random',
        available: 40,
        requested: 2,
        selected: 2,
        note: '',
      },
      {
        class: GREAT_TIT,
        stratum: 'great_tit',
        strategy: 'top',
        available: 40,
        requested: 2,
        selected: 2,
        note: '',
      },
      {
        class: PETREL,
        stratum: 'storm_petrel',
        strategy: 'random',
        available: 1,
        requested: 2,
        selected: 1,
        note: 'only 1 candidate',
      },
    ],
    outputs: [
      `/data/ann/${GREAT_TIT}_annotation_task_20250501-100000.csv`,
      `/data/ann/${PETREL}_annotation_task_20250501-100000.csv`,
      '/data/ann/extraction_summary_20250501-100000.csv',
    ],
    review_audio_root: '/data/ann',
    ...overrides,
  };
}
