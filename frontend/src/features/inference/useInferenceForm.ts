/**
 * The inference form's state, pre-filled from the demo project (when the paths are empty) and from
 * a task's "Load config" (via the form prefill store).
 */
import { useEffect, useMemo, useReducer } from 'react';
import { useDemo } from '@/hooks/useServerInfo';
import { useFormPrefill } from '@/stores/formPrefill';
import { useToasts } from '@/stores/toasts';
import { missingFields, parseLoadedConfig, resolvedConfig } from './inference-config';
import { inferenceFormReducer, initialInferenceForm } from './inference-form';

/** Form state, dispatch, the config to send, and the list of missing or invalid fields. */
export function useInferenceForm() {
  const [state, dispatch] = useReducer(inferenceFormReducer, initialInferenceForm);
  const demo = useDemo();
  const prefill = useFormPrefill();
  const { push } = useToasts();

  const demoAudio = demo.data?.audio_dir;
  const demoOutput = demo.data?.output_dir;
  useEffect(() => {
    if (demoAudio && demoOutput)
      dispatch({ type: 'demo', audioDir: demoAudio, outputDir: demoOutput });
  }, [demoAudio, demoOutput]);

  const { pending, take } = prefill;
  useEffect(() => {
    if (pending?.form !== 'inference') return;
    const taken = take('inference');
    if (!taken) return;
    const parsed = parseLoadedConfig(taken.config);
    if ('error' in parsed) {
      push({ message: parsed.error, tone: 'error', autoHide: false });
      return;
    }
    dispatch({
      type: 'load',
      config: parsed.config,
      name: taken.name,
      note: `Loaded from ${taken.source}`,
    });
  }, [pending, take, push]);

  const { config, source, subset } = state;
  const resolved = useMemo(() => resolvedConfig(config, source, subset), [config, source, subset]);
  const missing = useMemo(
    () => missingFields(resolved, source, subset),
    [resolved, source, subset],
  );
  return { state, dispatch, resolved, missing };
}
