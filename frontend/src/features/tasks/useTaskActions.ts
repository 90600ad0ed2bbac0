/** Runs task actions and reports failures as toasts. */
import { errorMessage } from '@/api/errors';
import type { Task } from '@/api/schemas';
import { useTaskAction, type TaskAction } from '@/hooks/useTaskMutations';
import { taskTitle } from '@/lib/task-format';
import { useToasts } from '@/stores/toasts';

const verbs: Record<TaskAction, string> = {
  start: 'start',
  cancel: 'cancel',
  retry: 'retry',
  remove: 'delete',
};

/** `run(action, task)` plus whether any action is in flight. */
export function useTaskActions() {
  const { push } = useToasts();
  const mutations = {
    start: useTaskAction('start'),
    cancel: useTaskAction('cancel'),
    retry: useTaskAction('retry'),
    remove: useTaskAction('remove'),
  };
  const run = (action: TaskAction, task: Task) =>
    mutations[action].mutate(task.id, {
      onError: (error) =>
        push({
          message: `Could not ${verbs[action]} “${taskTitle(task)}”: ${errorMessage(error)}`,
          tone: 'error',
          autoHide: false,
        }),
    });
  const pending = Object.values(mutations).some((mutation) => mutation.isPending);
  return { run, pending };
}
