/** Which actions a task offers in each status (SPEC §3, ARCHITECTURE.md routes). */
import type { TaskStatus } from '@/api/schemas';

export interface AvailableActions {
  start: boolean;
  cancel: boolean;
  retry: boolean;
  remove: boolean;
}

/**
 * Actions offered for a status: Start (unstarted), Cancel (queued/running), Retry (failed/canceled),
 * Delete (anything but running — a running task must be canceled first).
 * @param status - Task status.
 */
export function availableActions(status: TaskStatus): AvailableActions {
  return {
    start: status === 'unstarted',
    cancel: status === 'queued' || status === 'running',
    retry: status === 'failed' || status === 'canceled',
    remove: status !== 'running',
  };
}
