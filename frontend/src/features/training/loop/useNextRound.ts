/**
 * Start the next round: queue the inference task with the latest model, leave the Extraction form
 * a prefill that waits for it, and open the Extraction tab.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useApi } from '@/api/ApiProvider';
import type { LoopRound } from '@/api/loop-schemas';
import type { Task } from '@/api/schemas';
import { queryKeys } from '@/hooks/query-keys';
import { useFormPrefill } from '@/stores/formPrefill';
import { navigate } from '@/stores/route';
import {
  nextRoundExtractionPrefill,
  nextRoundInferenceRequest,
  type NextRoundForm,
} from './next-round';

/** How long to wait for the server to give the new task its job folder (it does on start). */
export const JOB_DIR_WAIT_MS = 3000;
const JOB_DIR_POLL_MS = 200;

/** The task once it has a job folder, or as it is when it waits in the queue past the limit. */
async function withJobDir(task: Task, get: (id: string) => Promise<Task>): Promise<Task> {
  let current = task;
  const deadline = Date.now() + JOB_DIR_WAIT_MS;
  while (!current.job_dir && current.status === 'queued' && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, JOB_DIR_POLL_MS));
    current = await get(current.id);
  }
  return current;
}

interface Variables {
  form: NextRoundForm;
  round: LoopRound;
  rounds: LoopRound[];
  loopDir: string;
}

/** The "Next round" action; resolves with the inference task. */
export function useNextRound() {
  const api = useApi();
  const queryClient = useQueryClient();
  const { offer } = useFormPrefill();
  return useMutation({
    mutationFn: async ({ form, round, rounds, loopDir }: Variables) => {
      const created = await api.tasks.create(nextRoundInferenceRequest(round, form));
      const task = await withJobDir(created, (id) => api.tasks.get(id));
      offer(nextRoundExtractionPrefill(rounds, round, form, loopDir, task));
      navigate('extraction');
      return task;
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.tasks }),
  });
}
