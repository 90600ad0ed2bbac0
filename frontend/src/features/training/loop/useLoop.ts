/**
 * The loop record of a folder, kept fresh: polled every few seconds while a training task runs
 * (its round lands in the record when it finishes) and read once more when the last one ends.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useApi } from '@/api/ApiProvider';
import { useDebouncedValue } from '@/hooks/useDebouncedValue';
import { isActive, useTasks } from '@/hooks/useTasks';

/** Poll interval while a training task is queued or running. */
export const LOOP_FAST_POLL_MS = 2000;
/** Poll interval otherwise (a headless `dipper run train` may also add a round). */
export const LOOP_SLOW_POLL_MS = 15000;
/** Quiet time after typing in the loop folder field before it is read. */
const TYPING_DEBOUNCE_MS = 400;

/** Query key of one loop folder's record. */
export const loopQueryKey = (dir: string) => ['loop', dir] as const;

/**
 * The record of `loopDir` (debounced while the user types).
 * @param loopDir - Absolute loop folder.
 */
export function useLoop(loopDir: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  const dir = useDebouncedValue(loopDir.trim(), TYPING_DEBOUNCE_MS);
  const { data: tasks } = useTasks();
  const training = (tasks ?? []).some((task) => task.kind === 'training' && isActive(task));

  const wasTraining = useRef(training);
  useEffect(() => {
    if (wasTraining.current && !training) {
      void queryClient.invalidateQueries({ queryKey: loopQueryKey(dir) });
    }
    wasTraining.current = training;
  }, [training, dir, queryClient]);

  return useQuery({
    queryKey: loopQueryKey(dir),
    queryFn: () => api.loop.get(dir),
    enabled: dir !== '',
    refetchInterval: training ? LOOP_FAST_POLL_MS : LOOP_SLOW_POLL_MS,
  });
}
