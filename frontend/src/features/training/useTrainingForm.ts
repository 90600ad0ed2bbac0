/**
 * The training form's state, filled from a prefill (a training task's "Load config"), plus the
 * summaries of its label sources that the class list and the missing-field reasons depend on.
 */
import { useCallback, useMemo, useReducer } from 'react';
import { usePrefilledConfig } from '@/hooks/usePrefilledConfig';
import type { Prefill } from '@/stores/formPrefill';
import {
  missingFields,
  parseLoadedConfig,
  resolvedConfig,
  resolvedSources,
} from './training-config';
import { initialTrainingForm, trainingFormReducer, type TrainingFormValues } from './training-form';
import { useLabelSummary } from './useLabelSummary';

/** Form state, dispatch, the config to send, missing fields and the label summaries. */
export function useTrainingForm() {
  const [state, dispatch] = useReducer(trainingFormReducer, initialTrainingForm);
  usePrefilledConfig(
    'training',
    parseLoadedConfig,
    useCallback(
      ({ values }: { values: TrainingFormValues }, taken: Prefill) =>
        dispatch({ type: 'load', values, name: taken.name, note: `Loaded from ${taken.source}` }),
      [],
    ),
  );
  const { values } = state;
  const trainingSources = useMemo(() => resolvedSources(values.labels), [values.labels]);
  const evaluationSources = useMemo(() => resolvedSources(values.validation), [values.validation]);
  const labels = useLabelSummary(trainingSources);
  const evaluation = useLabelSummary(
    values.evaluation === 'set'
      ? evaluationSources
      : { ...evaluationSources, annotation_files: [], raven_tables: [], folder_labels_dir: null },
  );
  const labelsData = labels.settling ? undefined : labels.data;
  const evaluationData = evaluation.settling ? undefined : evaluation.data;
  const resolved = useMemo(() => resolvedConfig(values), [values]);
  const missing = useMemo(() => {
    const problems = (data: typeof labelsData) =>
      (data?.sources ?? []).reduce((sum, source) => sum + source.problems.length, 0);
    return missingFields(values, {
      classes: labelsData?.classes ?? null,
      problems: problems(labelsData),
      evaluationProblems: values.evaluation === 'set' ? problems(evaluationData) : 0,
    });
  }, [values, labelsData, evaluationData]);
  return { state, dispatch, resolved, missing, labels, evaluation };
}
