/**
 * Extraction queries: the predictions-folder scan and the metadata CSV's columns (asked once the path
 * has stopped changing for 400 ms), and a finished extraction task's summary.
 */
import { useQuery } from '@tanstack/react-query';
import { useApi } from '@/api/ApiProvider';
import { useDebouncedValue } from './useDebouncedValue';

/** Quiet time after the last keystroke in a path field before the server is asked. */
export const EXTRACTION_PATH_DEBOUNCE_MS = 400;

/** Query-cache keys of the extraction routes. */
export const extractionKeys = {
  scan: (predictionsDir: string) => ['extraction', 'scan', predictionsDir] as const,
  metadata: (csvPath: string) => ['extraction', 'metadata', csvPath] as const,
  summary: (taskId: string) => ['extraction', 'summary', taskId] as const,
};

function useSettledPath(path: string) {
  const wanted = path.trim();
  const settled = useDebouncedValue(wanted, EXTRACTION_PATH_DEBOUNCE_MS);
  return { wanted, settled, settling: wanted !== settled };
}

/**
 * Scan a predictions folder: files, rows, classes, problems and timestamp parsing.
 * @param predictionsDir - The folder typed or picked ('' asks nothing).
 */
export function useExtractionScan(predictionsDir: string) {
  const api = useApi();
  const { wanted, settled, settling } = useSettledPath(predictionsDir);
  const query = useQuery({
    queryKey: extractionKeys.scan(settled),
    queryFn: () => api.extraction.scan(settled),
    enabled: Boolean(settled) && !settling,
    staleTime: 30_000,
    retry: false,
  });
  return { ...query, settling, active: Boolean(wanted) };
}

/**
 * Columns of a folder-metadata CSV with their unique-value counts.
 * @param csvPath - The CSV path ('' asks nothing).
 */
export function useExtractionMetadata(csvPath: string) {
  const api = useApi();
  const { wanted, settled, settling } = useSettledPath(csvPath);
  const query = useQuery({
    queryKey: extractionKeys.metadata(settled),
    queryFn: () => api.extraction.metadata(settled),
    enabled: Boolean(settled) && !settling,
    staleTime: 30_000,
    retry: false,
  });
  return { ...query, settling, active: Boolean(wanted) };
}

/**
 * The summary of a finished extraction task (class × stratum × strategy), its outputs and the
 * folder Review should resolve clip paths against.
 * @param taskId - The task, or null to ask nothing.
 */
export function useExtractionSummary(taskId: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: extractionKeys.summary(taskId ?? ''),
    queryFn: () => api.extraction.summary(taskId ?? ''),
    enabled: taskId !== null,
    staleTime: Infinity,
    retry: false,
  });
}
