/**
 * Server data of the model picker: the zoo catalog, a zoo model's classes (asked when the
 * classes dialog opens), and the description of a local model file (asked once its path has
 * stopped changing).
 */
import { useQuery } from '@tanstack/react-query';
import { useApi } from '@/api/ApiProvider';
import { useDebouncedValue } from '@/hooks/useDebouncedValue';

/** Quiet time after the last keystroke in the model-file path before the file is inspected. */
export const MODEL_FILE_DEBOUNCE_MS = 500;

const modelKeys = {
  catalog: ['models', 'catalog'] as const,
  classes: (name: string) => ['models', 'classes', name] as const,
  inspect: (path: string) => ['models', 'inspect', path] as const,
};

/** The zoo catalog (cached for a minute: it changes only when the environment does). */
export function useModelCatalog() {
  const api = useApi();
  return useQuery({
    queryKey: modelKeys.catalog,
    queryFn: () => api.models.catalog(),
    staleTime: 60_000,
    retry: false,
  });
}

/**
 * A zoo model's class list.
 * @param name - The model name.
 * @param enabled - Ask only while the list is shown.
 */
export function useModelClasses(name: string, enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: modelKeys.classes(name),
    queryFn: () => api.models.classes(name),
    enabled: enabled && Boolean(name),
    staleTime: 60_000,
    retry: false,
  });
}

/**
 * What a local model file is (kind, classes, window), or the server's reason it is not a model.
 * @param path - The path as typed; nothing is asked for an empty path.
 */
export function useModelFileInfo(path: string) {
  const api = useApi();
  const trimmed = path.trim();
  const settled = useDebouncedValue(trimmed, MODEL_FILE_DEBOUNCE_MS);
  const query = useQuery({
    queryKey: modelKeys.inspect(settled),
    queryFn: () => api.models.inspect(settled),
    enabled: Boolean(settled) && settled === trimmed,
    staleTime: 30_000,
    retry: false,
  });
  return { ...query, settling: trimmed !== settled, active: Boolean(trimmed) };
}
