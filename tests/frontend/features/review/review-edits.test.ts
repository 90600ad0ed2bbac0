import { describe, expect, it } from 'vitest';
import {
  applyEdits,
  changedPositions,
  initialEditState,
  redoEdit,
  undoEdit,
} from '@/features/review/review-edits';

const fresh = () =>
  initialEditState([
    { annotation: '', comments: '' },
    { annotation: 'no', comments: '' },
    { annotation: '', comments: 'old' },
  ]);

describe('edit history', () => {
  it('undoes and redoes a single-clip label', () => {
    const labelled = applyEdits(fresh(), [{ position: 0, field: 'annotation', value: 'yes' }]);
    expect(labelled.values[0]!.annotation).toBe('yes');
    const undone = undoEdit(labelled);
    expect(undone.values[0]!.annotation).toBe('');
    expect(redoEdit(undone).values[0]!.annotation).toBe('yes');
    expect(undone.revision).toBe(2);
  });

  it('undoes a page-wide label as one batch, restoring each previous value', () => {
    const page = applyEdits(
      fresh(),
      [0, 1, 2].map((position) => ({ position, field: 'annotation' as const, value: 'yes' })),
    );
    expect(page.values.map((v) => v.annotation)).toEqual(['yes', 'yes', 'yes']);
    expect(page.undo).toHaveLength(1);
    const undone = undoEdit(page);
    expect(undone.values.map((v) => v.annotation)).toEqual(['', 'no', '']);
  });

  it('skips cells that already hold the value and records nothing for a no-op', () => {
    const state = fresh();
    expect(applyEdits(state, [{ position: 1, field: 'annotation', value: 'no' }])).toBe(state);
  });

  it('merges a run of typing into one step and a new edit clears redo', () => {
    let state = fresh();
    for (const text of ['o', 'ow', 'owl']) {
      state = applyEdits(state, [{ position: 2, field: 'comments', value: text }], 'comment:2');
    }
    expect(state.undo).toHaveLength(1);
    expect(undoEdit(state).values[2]!.comments).toBe('old');
    const undone = undoEdit(state);
    const relabelled = applyEdits(undone, [{ position: 0, field: 'annotation', value: 'no' }]);
    expect(relabelled.redo).toHaveLength(0);
    expect(redoEdit(relabelled)).toBe(relabelled);
  });

  it('lists the clips that differ from a baseline', () => {
    const base = fresh().values;
    const state = applyEdits(fresh(), [{ position: 2, field: 'comments', value: 'new' }]);
    expect(changedPositions(state.values, base)).toEqual([2]);
    expect(changedPositions(undoEdit(state).values, base)).toEqual([]);
  });
});
