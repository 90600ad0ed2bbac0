/**
 * The extraction form's state, filled from a prefill (an inference task's "Create annotation task",
 * an extraction task's "Load config", the loop's "Next round"), plus the scan of the predictions
 * folder and the metadata CSV answer that the class list, the missing-field reasons and the
 * estimate depend on, and the task the form waits for before scanning.
 */
import { useCallback, useMemo, useReducer } from 'react';
import { useExtractionMetadata, useExtractionScan } from '@/hooks/useExtractionQueries';
import { usePrefilledConfig } from '@/hooks/usePrefilledConfig';
import { useTasks } from '@/hooks/useTasks';
import { taskTitle } from '@/lib/task-format';
import type { Prefill } from '@/stores/formPrefill';
import { missingFields, parseLoadedConfig, resolvedConfig } from './extraction-config';
import { estimateClips } from './extraction-estimate';
import {
  extractionFormReducer,
  initialExtractionForm,
  type ExtractionFormValues,
} from './extraction-form';
import { isWaiting, useAwaitedTask } from './useAwaitedTask';

/**
 * Form state, dispatch, the config to send, missing fields, the scan, the estimate, the awaited
 * task and the task list.
 */
export function useExtractionForm() {
  const [state, dispatch] = useReducer(extractionFormReducer, initialExtractionForm);
  usePrefilledConfig(
    'extraction',
    parseLoadedConfig,
    useCallback(
      ({ values }: { values: ExtractionFormValues }, taken: Prefill) =>
        dispatch({
          type: 'load',
          values,
          name: taken.name,
          note: `Loaded from ${taken.source}`,
          waitForTaskId: taken.waitForTaskId ?? null,
        }),
      [],
    ),
  );

  const { values } = state;
  const tasks = useTasks().data;
  const awaited = useAwaitedTask(state, dispatch, tasks);
  const waiting = isWaiting(awaited.phase);
  // Nothing to scan until the awaited task has written its predictions.
  const scan = useExtractionScan(waiting ? '' : values.predictions_dir);
  const metadata = useExtractionMetadata(values.metadata_csv);
  const scanData = scan.settling ? undefined : scan.data;
  const scanFailed =
    !scan.settling && (scan.isError || (scan.data !== undefined && scan.data.files.length === 0));

  const resolved = useMemo(() => resolvedConfig(values), [values]);
  const waitingFor = waiting
    ? `inference task “${awaited.task ? taskTitle(awaited.task) : '…'}”`
    : null;
  const missing = useMemo(
    () =>
      missingFields(values, {
        classes: scanData?.classes ?? null,
        failed: scanFailed,
        waitingFor,
      }),
    [values, scanData, scanFailed, waitingFor],
  );
  const metadataData = metadata.settling ? undefined : metadata.data;
  const estimate = useMemo(
    () => estimateClips(values, scanData, metadataData),
    [values, scanData, metadataData],
  );
  return { state, dispatch, resolved, missing, scan, metadata, estimate, awaited, tasks };
}
