/** Server-level queries: health, environment, settings and the demo project. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '@/api/ApiProvider';
import type { Settings } from '@/api/schemas';
import { queryKeys } from './query-keys';

/** Server health: version and store warnings. */
export function useHealth() {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.health, queryFn: () => api.health() });
}

/** Torch environment status; polls while an install is running. */
export function useEnvironment() {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.environment,
    queryFn: () => api.environment.status(),
    refetchInterval: (query) => (query.state.data?.status === 'installing' ? 2000 : false),
  });
}

/** Server-side settings (parallel tasks). */
export function useSettings() {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.settings, queryFn: () => api.settings.get() });
}

/** Update settings; the cache takes the server's answer. */
export function useUpdateSettings() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (settings: Partial<Settings>) => api.settings.update(settings),
    onSuccess: (settings) => queryClient.setQueryData(queryKeys.settings, settings),
  });
}

/** Demo project paths (null when no demo is installed). */
export function useDemo() {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.demo, queryFn: () => api.demo.get(), staleTime: Infinity });
}
