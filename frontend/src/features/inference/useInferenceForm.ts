/**
 * The inference form's state, pre-filled from the demo project (when the paths are empty) and from
 * a task's "Load config" (via the form prefill store).
 */
import { useCallback, useEffect, useMemo, useReducer } from 'react';
import type { InferenceConfig } from '@/api/schemas';
import { usePrefilledConfig } from '@/hooks/usePrefilledConfig';
import { useDemo } from '@/hooks/useServerInfo';
import type { Prefill } from '@/stores/formPrefill';
import { missingFields, parseLoadedConfig, resolvedConfig } from './inference-config';
import { inferenceFormReducer, initialInferenceForm } from './inference-form';

/** Form state, dispatch, the config to send, and the list of missing or invalid fields. */
export function useInferenceForm() {
  const [state, dispatch] = useReducer(inferenceFormReducer, initialInferenceForm);
  const demo = useDemo();

  const demoAudio = demo.data?.audio_dir;
  const demoOutput = demo.data?.output_dir;
  useEffect(() => {
    if (demoAudio && demoOutput)
      dispatch({ type: 'demo', audioDir: demoAudio, outputDir: demoOutput });
  }, [demoAudio, demoOutput]);

  usePrefilledConfig(
    'inference',
    parseLoadedConfig,
    useCallback(
      ({ config }: { config: InferenceConfig }, taken: Prefill) =>
        dispatch({ type: 'load', config, name: taken.name, note: `Loaded from ${taken.source}` }),
      [],
    ),
  );

  const { config, source, subset } = state;
  const resolved = useMemo(() => resolvedConfig(config, source, subset), [config, source, subset]);
  const missing = useMemo(
    () => missingFields(resolved, source, subset),
    [resolved, source, subset],
  );
  return { state, dispatch, resolved, missing };
}
