/**
 * Save the form's config to a file / open a config file. Native dialogs in Electron; in a browser the
 * caller shows a path prompt and calls `saveTo` / `openFrom` with the typed path.
 */
import { useMutation } from '@tanstack/react-query';
import { useApi } from '@/api/ApiProvider';
import type { InferenceConfig } from '@/api/schemas';
import { useToasts } from '@/stores/toasts';
import { parseLoadedConfig } from './inference-config';

const jsonFilters = [{ name: 'Config (JSON)', extensions: ['json'] }];

/**
 * Config file actions for the inference form.
 * @param config - The form's resolved config (what a task would get).
 * @param onLoaded - Receives a loaded, validated config and its path.
 */
export function useConfigFile(
  config: InferenceConfig,
  onLoaded: (config: InferenceConfig, path: string) => void,
) {
  const api = useApi();
  const { push } = useToasts();
  const fail = (error: unknown) =>
    push({
      message: error instanceof Error ? error.message : String(error),
      tone: 'error',
      autoHide: false,
    });

  const save = useMutation({
    mutationFn: (path: string) => api.configs.save(path, config),
    onSuccess: ({ path }) => push({ message: `Config saved to ${path}`, tone: 'info' }),
    onError: fail,
  });
  const load = useMutation({
    mutationFn: (path: string) => api.configs.load(path),
    onSuccess: (loaded) => {
      const parsed = parseLoadedConfig(loaded.config);
      if ('error' in parsed) return fail(new Error(parsed.error));
      onLoaded(parsed.config, loaded.path);
      push({ message: `Config loaded from ${loaded.path}`, tone: 'info' });
    },
    onError: fail,
  });

  const suggestedPath = config.output_dir.trim()
    ? `${config.output_dir.trim().replace(/[\\/]+$/, '')}/inference_config.json`
    : 'inference_config.json';

  return {
    native: api.dialogs !== null,
    suggestedPath,
    saveTo: (path: string) => save.mutate(path),
    openFrom: (path: string) => load.mutate(path),
    /** Electron: ask with the native save dialog, then save. */
    saveNative: async () => {
      const path = await api.dialogs?.saveFile({
        title: 'Save config as',
        defaultPath: suggestedPath,
        filters: jsonFilters,
      });
      if (path) save.mutate(path);
    },
    /** Electron: ask with the native open dialog, then load. */
    openNative: async () => {
      const path = await api.dialogs?.openFile({ title: 'Open config', filters: jsonFilters });
      if (path) load.mutate(path);
    },
  };
}
