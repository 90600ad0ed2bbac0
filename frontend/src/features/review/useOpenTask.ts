/**
 * The "open a task" form and the load call. Takes a `review` prefill ({annotation_csv, audio_root})
 * left by another tab (e.g. Extraction's "Review this task").
 */
import { useMutation } from '@tanstack/react-query';
import { useEffect, useReducer } from 'react';
import { useApi } from '@/api/ApiProvider';
import { errorMessage } from '@/api/errors';
import { useFormPrefill } from '@/stores/formPrefill';
import { useRoute } from '@/stores/route';
import type { ReviewMode } from './annotation-values';
import type { OpenedTask } from './useReviewSession';

export interface OpenForm {
  csvPath: string;
  audioRoot: string;
  scoreThreshold: number | null;
  mode: ReviewMode | 'auto';
  classes: string[];
}

const emptyForm: OpenForm = {
  csvPath: '',
  audioRoot: '',
  scoreThreshold: null,
  mode: 'auto',
  classes: [],
};

/**
 * @param onOpened - Receives the loaded task with its mode and classes.
 * @param onPrefilled - Called when another tab filled the form (so it can be shown).
 */
export function useOpenTask(onOpened: (opened: OpenedTask) => void, onPrefilled: () => void) {
  const api = useApi();
  const { tab } = useRoute();
  const { pending, take } = useFormPrefill();
  const [form, update] = useReducer(
    (current: OpenForm, patch: Partial<OpenForm>) => ({ ...current, ...patch }),
    emptyForm,
  );

  useEffect(() => {
    if (tab !== 'review' || pending?.form !== 'review') return;
    const prefill = take('review');
    if (!prefill) return;
    const csv = prefill.config.annotation_csv;
    const root = prefill.config.audio_root;
    update({
      ...(typeof csv === 'string' ? { csvPath: csv } : {}),
      audioRoot: typeof root === 'string' ? root : '',
    });
    onPrefilled();
  }, [tab, pending, take, onPrefilled]);

  const load = useMutation({
    mutationFn: (request: { path: string; form: OpenForm }) =>
      api.annotations.load({
        path: request.path,
        audio_root: request.form.audioRoot.trim() || null,
        score_threshold: request.form.scoreThreshold,
      }),
    onSuccess: (task, request) => {
      const mode = request.form.mode === 'auto' ? task.mode_guess : request.form.mode;
      const classes = request.form.classes.length ? request.form.classes : task.classes_guess;
      onOpened({ task, mode, classes, audioRoot: request.form.audioRoot.trim() || null });
    },
  });

  return {
    form,
    update,
    /** Load the form's CSV (or another path, e.g. reloading the saved file after a conflict). */
    load: (path?: string) => load.mutate({ path: path ?? form.csvPath.trim(), form }),
    loading: load.isPending,
    error: load.error ? errorMessage(load.error) : null,
  };
}
