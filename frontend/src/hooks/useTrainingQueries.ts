/**
 * Training-task queries: a finished task's summary (mean AP, window counts, model file) and the
 * URL of its live report (the server origin + token, asked once, as for other media).
 */
import { useQuery } from '@tanstack/react-query';
import { useApi } from '@/api/ApiProvider';

/**
 * The summary of a completed training task.
 * @param taskId - The task, or null to ask nothing.
 */
export function useTrainingSummary(taskId: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: ['training', 'summary', taskId ?? ''],
    queryFn: () => api.training.summary(taskId ?? ''),
    enabled: taskId !== null,
    staleTime: Infinity,
    retry: false,
  });
}

/**
 * URL of a training task's `report.html` with the token in its query (null until known), for a
 * browser tab or the app's report frame.
 * @param taskId - The training task.
 */
export function useReportUrl(taskId: string): string | null {
  const api = useApi();
  const base = useQuery({
    queryKey: ['media-base'],
    queryFn: () => api.media.base(),
    staleTime: Infinity,
  }).data;
  return base ? api.training.reportUrl(base, taskId) : null;
}
