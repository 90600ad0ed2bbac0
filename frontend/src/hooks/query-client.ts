import { QueryClient } from '@tanstack/react-query';

/**
 * Create the query cache for the app.
 * @param options.retry - Retries for failed queries (tests pass false).
 */
export function createQueryClient(options: { retry?: number | false } = {}): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: options.retry ?? 1, refetchOnWindowFocus: true, staleTime: 500 },
      mutations: { retry: false },
    },
  });
}
