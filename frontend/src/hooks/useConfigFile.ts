/**
 * Save a form's config to a file / open a config file, for any form. Native dialogs in Electron; in a
 * browser the caller shows a path prompt and calls `saveTo` / `openFrom` with the typed path.
 */
import { useMutation } from '@tanstack/react-query';
import { useApi } from '@/api/ApiProvider';
import { useToasts } from '@/stores/toasts';

const jsonFilters = [{ name: 'Config (JSON)', extensions: ['json'] }];

export interface ConfigFileOptions<Loaded> {
  /** The form's resolved config (what a task would get). */
  config: Record<string, unknown>;
  /** Folder suggested for "Save as" (the form's output folder; '' for none). */
  outputDir: string;
  /** File name suggested for "Save as", e.g. `inference_config.json`. */
  fileName: string;
  /** Check a loaded config for this form; an `error` is shown as a toast. */
  parse: (raw: Record<string, unknown>) => Loaded | { error: string };
  /** Receives what `parse` made of a loaded config, and its path. */
  onLoaded: (loaded: Loaded, path: string) => void;
}

/**
 * Config file actions for a form.
 * @param options - The config, suggested path, parser and load callback.
 */
export function useConfigFile<Loaded extends object>({
  config,
  outputDir,
  fileName,
  parse,
  onLoaded,
}: ConfigFileOptions<Loaded>) {
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
      const parsed = parse(loaded.config);
      if ('error' in parsed) return fail(new Error(parsed.error));
      onLoaded(parsed, loaded.path);
      push({ message: `Config loaded from ${loaded.path}`, tone: 'info' });
    },
    onError: fail,
  });

  const folder = outputDir.trim().replace(/[\\/]+$/, '');
  const suggestedPath = folder ? `${folder}/${fileName}` : fileName;

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

/** What `useConfigFile` returns. */
export type ConfigFileActions = ReturnType<typeof useConfigFile>;
