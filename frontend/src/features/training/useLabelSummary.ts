/**
 * What the label sources hold (`POST /api/training/labels`), asked once the sources have stopped
 * changing for 400 ms: classes found, positive/negative counts per class and problems per source.
 */
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useApi } from '@/api/ApiProvider';
import type { LabelSources } from '@/api/training-schemas';
import { useDebouncedValue } from '@/hooks/useDebouncedValue';
import { hasSource } from './training-config';

/** Quiet time after the last edit of a source before the server is asked. */
export const LABELS_DEBOUNCE_MS = 400;

/**
 * Summaries of a set of label sources.
 * @param sources - The resolved sources (rows without a path already left out).
 */
export function useLabelSummary(sources: LabelSources) {
  const api = useApi();
  const wanted = useMemo(() => JSON.stringify(sources), [sources]);
  const settled = useDebouncedValue(wanted, LABELS_DEBOUNCE_MS);
  const settling = wanted !== settled;
  const parsed = useMemo(() => JSON.parse(settled) as LabelSources, [settled]);
  const active = hasSource(parsed);
  const query = useQuery({
    queryKey: ['training', 'labels', settled],
    queryFn: () => api.training.labels(parsed),
    enabled: active && !settling,
    staleTime: 10_000,
    retry: false,
  });
  return { ...query, settling, active: hasSource(sources) };
}

/** What `useLabelSummary` returns. */
export type LabelSummaryQuery = ReturnType<typeof useLabelSummary>;
