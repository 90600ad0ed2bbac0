/** Weights & Biases login status (Settings card, inference form) and the login/logout mutations. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '@/api/ApiProvider';

/** Query key of the W&B status. */
export const wandbStatusKey = ['wandb', 'status'] as const;

/** Whether a W&B key is stored on the server, and the default entity. */
export function useWandbStatus() {
  const api = useApi();
  return useQuery({ queryKey: wandbStatusKey, queryFn: () => api.wandb.status() });
}

/** Store a W&B API key (format-checked by the server); the cache takes the new status. */
export function useWandbLogin() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ apiKey, entity }: { apiKey: string; entity: string | null }) =>
      api.wandb.login(apiKey, entity),
    onSuccess: (status) => queryClient.setQueryData(wandbStatusKey, status),
  });
}

/** Forget the stored W&B key. */
export function useWandbLogout() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.wandb.logout(),
    onSuccess: (status) => queryClient.setQueryData(wandbStatusKey, status),
  });
}
