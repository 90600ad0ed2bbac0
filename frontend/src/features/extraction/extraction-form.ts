/**
 * Extraction form state: the values as the user edits them (windows may be half filled, the score
 * bins are text, every strategy keeps its N while switched off), the task name, and where a prefill
 * came from. `extraction-config.ts` turns these values into the config the server gets.
 */
import { DEFAULT_MAX_POOL, type StrategyKind } from '@/api/extraction-schemas';
import { DEFAULT_SCORE_BINS_TEXT } from './score-bins';

/** A date-window row being edited: `YYYY-MM-DD` strings, null while not picked yet. */
export interface DateWindowDraft {
  /** Stable React key for the row. */
  key: number;
  start: string | null;
  end: string | null;
}

/** A time-of-day row being edited: `HH:MM` strings, null while not picked yet. */
export interface TimeWindowDraft {
  key: number;
  start: string | null;
  end: string | null;
}

/** One strategy's card: on or off, and its settings (kept while off). */
export interface StrategyDraft {
  enabled: boolean;
  /** Clips per stratum (per percentile bin for score bins); NaN while the field is not a number. */
  n: number;
  /**
   * Decision threshold, a probability in (0, 1), or null for "auto" (from the labelled files);
   * uncertainty and hybrid only. NaN while the field is not a number.
   */
  threshold?: number | null;
  /** Candidates per stratum embedded at most (diversity and hybrid only). */
  max_pool?: number;
}

/** Strategies in the order the form shows them and the config lists them. */
export const STRATEGY_KINDS: StrategyKind[] = [
  'random',
  'score_bins',
  'top',
  'score_weighted',
  'zscore_weighted',
  'uncertainty',
  'diversity',
  'hybrid',
];

/** The strategies that rank clips with a trained model's scores or embeddings. */
export const ACTIVE_LEARNING_KINDS: StrategyKind[] = ['hybrid', 'uncertainty', 'diversity'];

/** The strategies with a decision threshold. */
export const THRESHOLD_KINDS: StrategyKind[] = ['uncertainty', 'hybrid'];

/** The strategies that embed their candidates (and so have a candidate pool). */
export const EMBEDDING_KINDS: StrategyKind[] = ['diversity', 'hybrid'];

/** Everything the form edits. */
export interface ExtractionFormValues {
  predictions_dir: string;
  audio_root: string;
  classes: string[];
  score_threshold: number | null;
  date_windows: DateWindowDraft[];
  time_windows: TimeWindowDraft[];
  stratify_by_subfolder: boolean;
  stratify_by_file: boolean;
  stratify_by_week: boolean;
  stratify_date_windows: DateWindowDraft[];
  metadata_csv: string;
  metadata_columns: string[];
  strategies: Record<StrategyKind, StrategyDraft>;
  score_bins_text: string;
  seed: number;
  mode: 'binary' | 'multiclass';
  output_dir: string;
  export_clips: boolean;
  clip_duration_s: number | null;
  /** Reviewed annotation CSVs whose labelled windows are not picked again. */
  labelled_annotation_files: string[];
  /** Embedding cache folder; '' = the default one. */
  embedding_cache_dir: string;
}

/** Default N of a strategy card. */
export const DEFAULT_STRATEGY_N = 10;
/** Default total clip length when clip export is switched on. */
export const DEFAULT_CLIP_DURATION_S = 5;

let nextKey = 1;
/** A fresh, unique row key. */
export const newRowKey = (): number => nextKey++;

/** Default values: random N switched on, the other strategies off. */
export function defaultExtractionValues(): ExtractionFormValues {
  const strategy = (enabled: boolean, n = DEFAULT_STRATEGY_N): StrategyDraft => ({ enabled, n });
  const threshold = null; // auto: from the labelled files' yes/no counts, per class
  const pool = DEFAULT_MAX_POOL;
  return {
    predictions_dir: '',
    audio_root: '',
    classes: [],
    score_threshold: null,
    date_windows: [],
    time_windows: [],
    stratify_by_subfolder: false,
    stratify_by_file: false,
    stratify_by_week: false,
    stratify_date_windows: [],
    metadata_csv: '',
    metadata_columns: [],
    strategies: {
      random: strategy(true),
      score_bins: strategy(false, 2),
      top: strategy(false),
      score_weighted: strategy(false),
      zscore_weighted: strategy(false),
      uncertainty: { ...strategy(false), threshold },
      diversity: { ...strategy(false), max_pool: pool },
      hybrid: { ...strategy(false), threshold, max_pool: pool },
    },
    score_bins_text: DEFAULT_SCORE_BINS_TEXT,
    seed: 0,
    mode: 'binary',
    output_dir: '',
    export_clips: false,
    clip_duration_s: DEFAULT_CLIP_DURATION_S,
    labelled_annotation_files: [],
    embedding_cache_dir: '',
  };
}

export interface ExtractionFormState {
  values: ExtractionFormValues;
  name: string;
  /** Shown as a note: "Loaded from …". */
  note: string | null;
  /**
   * The task that is writing the predictions folder (an inference task started by the loop's
   * "Next round"): the folder is scanned once it completes. Null when not waiting.
   */
  waitForTaskId: string | null;
}

/** The window lists the form edits as tables. */
export type WindowListName = 'date_windows' | 'time_windows' | 'stratify_date_windows';

export type ExtractionFormAction =
  | { type: 'patch'; values: Partial<ExtractionFormValues> }
  | { type: 'setStrategy'; kind: StrategyKind; values: Partial<StrategyDraft> }
  | { type: 'setName'; value: string }
  | {
      type: 'load';
      values: ExtractionFormValues;
      name?: string | null;
      note: string;
      waitForTaskId?: string | null;
    }
  | { type: 'stopWaiting' }
  /** The awaited task's job folder, once the server has assigned it (keeps waiting). */
  | { type: 'setAwaitedFolder'; path: string };

/** Dispatch function of the extraction form. */
export type ExtractionFormDispatch = (action: ExtractionFormAction) => void;

export const initialExtractionForm: ExtractionFormState = {
  values: defaultExtractionValues(),
  name: '',
  note: null,
  waitForTaskId: null,
};

/** Reducer for the extraction form. */
export function extractionFormReducer(
  state: ExtractionFormState,
  action: ExtractionFormAction,
): ExtractionFormState {
  switch (action.type) {
    case 'patch': {
      const values = { ...state.values, ...action.values };
      // Another predictions folder is not the one the awaited task writes.
      const moved = values.predictions_dir !== state.values.predictions_dir;
      return { ...state, values, waitForTaskId: moved ? null : state.waitForTaskId };
    }
    case 'setStrategy': {
      const { strategies } = state.values;
      const next = {
        ...strategies,
        [action.kind]: { ...strategies[action.kind], ...action.values },
      };
      return { ...state, values: { ...state.values, strategies: next } };
    }
    case 'setName':
      return { ...state, name: action.value };
    case 'load':
      return {
        values: action.values,
        name: action.name ?? state.name,
        note: action.note,
        waitForTaskId: action.waitForTaskId ?? null,
      };
    case 'stopWaiting':
      return { ...state, waitForTaskId: null };
    case 'setAwaitedFolder':
      return { ...state, values: { ...state.values, predictions_dir: action.path } };
  }
}
