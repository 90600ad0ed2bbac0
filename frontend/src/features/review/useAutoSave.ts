/**
 * Saving labels: a save location chosen once (Save as…), then auto-save after a short pause, on page
 * change and clip navigation, and before leaving. Every save is atomic on the server and checks the
 * file's mtime, so a file changed by someone else is never overwritten silently (409 → conflict).
 */
import { useCallback, useEffect, useReducer, useRef } from 'react';
import { useApi } from '@/api/ApiProvider';
import { ApiError, errorMessage } from '@/api/errors';
import { changedPositions } from './review-edits';
import type { ReviewSession } from './useReviewSession';

/** Pause after the last edit before an auto-save, in ms. */
export const AUTO_SAVE_DELAY_MS = 2000;

export type SaveStatus = 'no-location' | 'saved' | 'unsaved' | 'saving' | 'error' | 'conflict';

export interface SaveTarget {
  path: string;
  /** mtime_ns of `path` as last read or written by us; null for a new file. */
  mtimeNs: string | null;
}

/**
 * Auto-save for a review session.
 * @param session - The open session.
 * @param autoSave - The auto-save setting.
 */
interface SaveState {
  target: SaveTarget | null;
  savedRevision: number;
  saving: boolean;
  error: string | null;
  conflict: string | null;
  /** The conflict is an existing file chosen with Save as… (it may be replaced). */
  conflictExisting: boolean;
  /** A 409 paused auto-save until Save as… succeeds or the file is reloaded. */
  blocked: boolean;
  askPath: boolean;
}

const initialSave: SaveState = {
  target: null,
  savedRevision: 0,
  saving: false,
  error: null,
  conflict: null,
  conflictExisting: false,
  blocked: false,
  askPath: false,
};

function reduceSave(state: SaveState, patch: Partial<SaveState> | 'reset'): SaveState {
  return patch === 'reset' ? initialSave : { ...state, ...patch };
}

export function useAutoSave(session: ReviewSession, autoSave: boolean) {
  const api = useApi();
  const [state, set] = useReducer(reduceSave, initialSave);
  const { target, savedRevision, saving, error, conflict, askPath } = state;
  const latest = useRef({ session });
  useEffect(() => {
    latest.current = { session };
  });
  // What the next save needs, updated as soon as a save answers (not a render later), so a save
  // queued behind another sends the mtime that one returned.
  const targetRef = useRef<SaveTarget | null>(null);
  const savedRevisionRef = useRef(0);
  const blockedRef = useRef(false);
  const askedOnceRef = useRef(false);
  /** Saves run one after another, never two at once. */
  const queue = useRef<Promise<unknown>>(Promise.resolve());

  const opened = session.opened;
  const dirty = opened !== null && session.revision !== savedRevision;

  // A newly opened task starts with no save location and nothing unsaved.
  useEffect(() => {
    targetRef.current = null;
    savedRevisionRef.current = 0;
    blockedRef.current = false;
    askedOnceRef.current = false;
    set('reset');
  }, [opened?.task]);

  const enqueue = useCallback((job: () => Promise<boolean>): Promise<boolean> => {
    const run = queue.current.then(job);
    queue.current = run.catch(() => undefined);
    return run;
  }, []);

  const saveTo = useCallback(
    async (chosen: SaveTarget, overwrite = false): Promise<boolean> => {
      const { session: current } = latest.current;
      if (!current.opened) return false;
      const { task } = current.opened;
      const revision = current.revision;
      const values = current.values;
      const rows = changedPositions(values, current.baseline).map((position) => ({
        index: task.rows[position]!.index,
        annotation: values[position]!.annotation,
        comments: values[position]!.comments,
      }));
      set({ saving: true });
      try {
        const saved = await api.annotations.save({
          path: chosen.path,
          source_path: task.path,
          rows,
          expected_mtime_ns: chosen.mtimeNs,
          overwrite,
        });
        if (saved.path === task.path) current.setBaseline(values);
        targetRef.current = { path: saved.path, mtimeNs: saved.mtime_ns };
        savedRevisionRef.current = revision;
        blockedRef.current = false;
        set({
          target: targetRef.current,
          savedRevision: revision,
          saving: false,
          error: null,
          conflict: null,
          blocked: false,
        });
        return true;
      } catch (caught) {
        if (caught instanceof ApiError && caught.status === 409) {
          targetRef.current = chosen;
          blockedRef.current = true;
          set({
            target: chosen,
            conflict: caught.message,
            conflictExisting: chosen.mtimeNs === null,
            blocked: true,
            saving: false,
          });
        } else {
          set({ error: errorMessage(caught), saving: false });
        }
        return false;
      }
    },
    [api],
  );

  /** Save now when something is unsaved (after any save already running). */
  const flush = useCallback(
    (): Promise<boolean> =>
      enqueue(async () => {
        const { session: current } = latest.current;
        if (!current.opened || blockedRef.current) return false;
        if (current.revision === savedRevisionRef.current) return true;
        const where = targetRef.current;
        if (!where) {
          if (!askedOnceRef.current) {
            askedOnceRef.current = true;
            set({ askPath: true });
          }
          return false;
        }
        return saveTo(where);
      }),
    [enqueue, saveTo],
  );

  // Debounced auto-save after edits.
  useEffect(() => {
    if (!autoSave || !dirty) return;
    const timer = window.setTimeout(() => void flush(), AUTO_SAVE_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [autoSave, dirty, session.revision, flush]);

  // Warn before closing or reloading the window with unsaved labels.
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  /** Save to a path the user chose (Save as…). Same file as loaded → compare its mtime. */
  const saveAs = useCallback(
    (path: string, overwrite = false) => {
      set({ askPath: false });
      return enqueue(() => {
        const task = latest.current.session.opened?.task;
        const known = targetRef.current;
        const mtimeNs =
          known?.path === path ? known.mtimeNs : task?.path === path ? task.mtime_ns : null;
        // A file we read or wrote keeps its mtime check; only a new choice may replace a file.
        return saveTo({ path, mtimeNs }, overwrite && mtimeNs === null);
      });
    },
    [enqueue, saveTo],
  );

  let status: SaveStatus = 'saved';
  if (conflict || state.blocked) status = 'conflict';
  else if (saving) status = 'saving';
  else if (error) status = 'error';
  else if (!target) status = dirty ? 'no-location' : 'saved';
  else if (dirty) status = 'unsaved';

  return {
    target,
    status,
    dirty,
    error,
    conflict,
    conflictExisting: state.conflictExisting,
    askPath,
    flush,
    saveAs,
    /** Open the Save-as prompt. */
    requestSaveAs: useCallback(() => set({ askPath: true }), []),
    cancelSaveAs: useCallback(() => set({ askPath: false }), []),
    /** Close the conflict dialog; auto-save stays paused until Save as… or a reload. */
    dismissConflict: useCallback(() => set({ conflict: null }), []),
  };
}

export type AutoSave = ReturnType<typeof useAutoSave>;
