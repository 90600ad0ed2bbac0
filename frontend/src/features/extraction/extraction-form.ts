/**
 * Extraction form state: the values as the user edits them (windows may be half filled, the score
 * bins are text, every strategy keeps its N while switched off), the task name, and where a prefill
 * came from. `extraction-config.ts` turns these values into the config the server gets.
 */
import type { StrategyKind } from '@/api/extraction-schemas';
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

/** One strategy's card: on or off, and its N (kept while off). */
export interface StrategyDraft {
  enabled: boolean;
  /** Clips per stratum (per percentile bin for score bins); NaN while the field is not a number. */
  n: number;
}

/** Strategies in the order the form shows them and the config lists them. */
export const STRATEGY_KINDS: StrategyKind[] = [
  'random',
  'score_bins',
  'top',
  'score_weighted',
  'zscore_weighted',
];

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
    },
    score_bins_text: DEFAULT_SCORE_BINS_TEXT,
    seed: 0,
    mode: 'binary',
    output_dir: '',
    export_clips: false,
    clip_duration_s: DEFAULT_CLIP_DURATION_S,
  };
}

export interface ExtractionFormState {
  values: ExtractionFormValues;
  name: string;
  /** Shown as a note: "Loaded from …". */
  note: string | null;
}

/** The window lists the form edits as tables. */
export type WindowListName = 'date_windows' | 'time_windows' | 'stratify_date_windows';

export type ExtractionFormAction =
  | { type: 'patch'; values: Partial<ExtractionFormValues> }
  | { type: 'setStrategy'; kind: StrategyKind; values: Partial<StrategyDraft> }
  | { type: 'setName'; value: string }
  | { type: 'load'; values: ExtractionFormValues; name?: string | null; note: string };

/** Dispatch function of the extraction form. */
export type ExtractionFormDispatch = (action: ExtractionFormAction) => void;

export const initialExtractionForm: ExtractionFormState = {
  values: defaultExtractionValues(),
  name: '',
  note: null,
};

/** Reducer for the extraction form. */
export function extractionFormReducer(
  state: ExtractionFormState,
  action: ExtractionFormAction,
): ExtractionFormState {
  switch (action.type) {
    case 'patch':
      return { ...state, values: { ...state.values, ...action.values } };
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
      return { values: action.values, name: action.name ?? state.name, note: action.note };
  }
}
