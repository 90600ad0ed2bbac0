/**
 * The edit history of a review session: current cell values and an undo stack of edit batches.
 * One batch is one user action — a single clip label, a page-wide label, or a run of typing in one
 * comment field — so Ctrl+Z undoes exactly what the user did last. Pure functions; the hook holds state.
 */

/** The two editable cells of a clip. */
export interface ClipValues {
  annotation: string;
  comments: string;
}

export type EditField = keyof ClipValues;

/** One cell change; `position` is the clip's position in the loaded rows. */
export interface CellChange {
  position: number;
  field: EditField;
  before: string;
  after: string;
}

export interface EditBatch {
  changes: CellChange[];
  /** Consecutive batches with the same key merge (typing in one comment field). */
  mergeKey: string | null;
}

export interface EditState {
  values: ClipValues[];
  undo: EditBatch[];
  redo: EditBatch[];
  /** Increases on every change (edit, undo, redo); auto-save watches it. */
  revision: number;
}

/** Undo depth kept. */
export const MAX_UNDO_BATCHES = 500;

/** A fresh history over loaded values. */
export function initialEditState(values: ClipValues[]): EditState {
  return { values, undo: [], redo: [], revision: 0 };
}

/** A requested cell value. */
export interface CellEdit {
  position: number;
  field: EditField;
  value: string;
}

function withChanges(values: ClipValues[], changes: CellChange[], side: 'before' | 'after') {
  const next = values.slice();
  for (const change of changes) {
    next[change.position] = { ...next[change.position]!, [change.field]: change[side] };
  }
  return next;
}

/**
 * Apply edits as one undoable batch (cells that already hold the value are skipped).
 * @param state - Current history.
 * @param edits - Cells to set.
 * @param mergeKey - Merge into the previous batch when it has the same key (e.g. `comment:12`).
 */
export function applyEdits(state: EditState, edits: CellEdit[], mergeKey: string | null = null) {
  const changes: CellChange[] = [];
  for (const edit of edits) {
    const current = state.values[edit.position];
    if (!current || current[edit.field] === edit.value) continue;
    changes.push({ ...edit, before: current[edit.field], after: edit.value });
  }
  if (changes.length === 0) return state;
  const values = withChanges(state.values, changes, 'after');
  const last = state.undo[state.undo.length - 1];
  let undo: EditBatch[];
  if (mergeKey !== null && last?.mergeKey === mergeKey && state.redo.length === 0) {
    const merged = last.changes.map((old) => {
      const fresh = changes.find((c) => c.position === old.position && c.field === old.field);
      return fresh ? { ...old, after: fresh.after } : old;
    });
    undo = [...state.undo.slice(0, -1), { changes: merged, mergeKey }];
  } else {
    undo = [...state.undo, { changes, mergeKey }].slice(-MAX_UNDO_BATCHES);
  }
  return { values, undo, redo: [], revision: state.revision + 1 };
}

/** Undo the last batch (no-op when there is none). */
export function undoEdit(state: EditState): EditState {
  const batch = state.undo[state.undo.length - 1];
  if (!batch) return state;
  return {
    values: withChanges(state.values, [...batch.changes].reverse(), 'before'),
    undo: state.undo.slice(0, -1),
    redo: [...state.redo, { ...batch, mergeKey: null }],
    revision: state.revision + 1,
  };
}

/** Redo the last undone batch (no-op when there is none). */
export function redoEdit(state: EditState): EditState {
  const batch = state.redo[state.redo.length - 1];
  if (!batch) return state;
  return {
    values: withChanges(state.values, batch.changes, 'after'),
    undo: [...state.undo, batch],
    redo: state.redo.slice(0, -1),
    revision: state.revision + 1,
  };
}

/** Positions whose values differ from a baseline (what a save must send). */
export function changedPositions(values: ClipValues[], baseline: ClipValues[]): number[] {
  const out: number[] = [];
  values.forEach((value, position) => {
    const base = baseline[position];
    if (!base || base.annotation !== value.annotation || base.comments !== value.comments) {
      out.push(position);
    }
  });
  return out;
}
