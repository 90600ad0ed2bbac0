/**
 * The open annotation task: its rows, mode and classes, the current labels/comments with undo/redo,
 * and the baseline (what the file on disk holds) that auto-save compares against.
 */
import { useCallback, useMemo, useReducer } from 'react';
import type { AnnotationTask } from '@/api/review-schemas';
import type { ReviewLabelName } from '@/theme/tokens';
import { cardLabel, formatClasses, valueForLabel, type ReviewMode } from './annotation-values';
import {
  applyEdits,
  initialEditState,
  redoEdit,
  undoEdit,
  type CellEdit,
  type ClipValues,
  type EditState,
} from './review-edits';

export interface OpenedTask {
  task: AnnotationTask;
  mode: ReviewMode;
  classes: string[];
  audioRoot: string | null;
}

interface SessionState {
  opened: OpenedTask | null;
  edits: EditState;
  /** Values the save source holds (compared to find rows to send). */
  baseline: ClipValues[];
}

type SessionAction =
  | { type: 'open'; opened: OpenedTask }
  | { type: 'edit'; edits: CellEdit[]; mergeKey: string | null }
  | { type: 'undo' }
  | { type: 'redo' }
  | { type: 'setBaseline'; baseline: ClipValues[] }
  | { type: 'setMode'; mode: ReviewMode; classes: string[] };

function reduce(state: SessionState, action: SessionAction): SessionState {
  switch (action.type) {
    case 'open': {
      const values = action.opened.task.rows.map(({ annotation, comments }) => ({
        annotation,
        comments,
      }));
      return { opened: action.opened, edits: initialEditState(values), baseline: values };
    }
    case 'edit':
      return { ...state, edits: applyEdits(state.edits, action.edits, action.mergeKey) };
    case 'undo':
      return { ...state, edits: undoEdit(state.edits) };
    case 'redo':
      return { ...state, edits: redoEdit(state.edits) };
    case 'setBaseline':
      return { ...state, baseline: action.baseline };
    case 'setMode':
      if (!state.opened) return state;
      return { ...state, opened: { ...state.opened, mode: action.mode, classes: action.classes } };
  }
}

const empty: SessionState = { opened: null, edits: initialEditState([]), baseline: [] };

/** Review session state and its actions. */
export function useReviewSession() {
  const [state, dispatch] = useReducer(reduce, empty);
  const mode = state.opened?.mode ?? 'binary';
  const values = state.edits.values;

  const labels: ReviewLabelName[] = useMemo(
    () => values.map((value) => cardLabel(mode, value.annotation)),
    [values, mode],
  );

  /** Set one clip's label (A/S/D/F or a button). */
  const label = useCallback(
    (positions: number[], name: ReviewLabelName) =>
      dispatch({
        type: 'edit',
        mergeKey: null,
        edits: positions.map((position) => ({
          position,
          field: 'annotation',
          value: valueForLabel(mode, name, values[position]?.annotation ?? ''),
        })),
      }),
    [mode, values],
  );

  return {
    opened: state.opened,
    values,
    labels,
    baseline: state.baseline,
    revision: state.edits.revision,
    canUndo: state.edits.undo.length > 0,
    canRedo: state.edits.redo.length > 0,
    open: useCallback((opened: OpenedTask) => dispatch({ type: 'open', opened }), []),
    label,
    /** Set one clip's classes (multiclass selector); null = not reviewed. */
    setClasses: useCallback(
      (position: number, classes: string[] | null) =>
        dispatch({
          type: 'edit',
          mergeKey: null,
          edits: [{ position, field: 'annotation', value: formatClasses(classes) }],
        }),
      [],
    ),
    /** Typing in a comment field: one undo step per field per run of typing. */
    comment: useCallback(
      (position: number, text: string) =>
        dispatch({
          type: 'edit',
          mergeKey: `comment:${position}`,
          edits: [{ position, field: 'comments', value: text }],
        }),
      [],
    ),
    undo: useCallback(() => dispatch({ type: 'undo' }), []),
    redo: useCallback(() => dispatch({ type: 'redo' }), []),
    setBaseline: useCallback(
      (baseline: ClipValues[]) => dispatch({ type: 'setBaseline', baseline }),
      [],
    ),
    setMode: useCallback(
      (mode: ReviewMode, classes: string[]) => dispatch({ type: 'setMode', mode, classes }),
      [],
    ),
  };
}

export type ReviewSession = ReturnType<typeof useReviewSession>;
