/** Task actions as mutations; each refreshes the task list (and the touched task) when it settles. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useApi } from '@/api/ApiProvider';
import type { CreateTaskRequest } from '@/api/schemas';
import { queryKeys } from './query-keys';

function useInvalidateTasks() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: queryKeys.tasks });
}

/** Create a task (optionally starting it at once). */
export function useCreateTask() {
  const api = useApi();
  const invalidate = useInvalidateTasks();
  return useMutation({
    mutationFn: (request: CreateTaskRequest) => api.tasks.create(request),
    onSettled: invalidate,
  });
}

/** Actions that take a task id. */
export type TaskAction = 'start' | 'cancel' | 'retry' | 'remove';

/**
 * A mutation for one task action.
 * @param action - Which route to call.
 */
export function useTaskAction(action: TaskAction) {
  const api = useApi();
  const invalidate = useInvalidateTasks();
  return useMutation({
    mutationFn: async (id: string) => {
      await api.tasks[action](id);
    },
    onSettled: invalidate,
  });
}

/** Install the torch environment (creates an `install_env` task). */
export function useInstallEnvironment() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.environment.install(),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.tasks });
      void queryClient.invalidateQueries({ queryKey: queryKeys.environment });
    },
  });
}
