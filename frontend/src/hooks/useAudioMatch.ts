/**
 * Live preview of the audio files an inference config's sources match: asked once the sources have
 * stopped changing for 400 ms, cached per request.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useApi } from '@/api/ApiProvider';
import type { AudioMatchRequest } from '@/api/schemas';
import { queryKeys } from './query-keys';
import { useDebouncedValue } from './useDebouncedValue';

/** Quiet time after the last keystroke before the server is asked. */
export const AUDIO_MATCH_DEBOUNCE_MS = 400;

/**
 * Match count, size and sample for the audio sources.
 * @param request - The source fields, or null when no source is filled in (nothing is asked).
 */
export function useAudioMatch(request: AudioMatchRequest | null) {
  const api = useApi();
  const key = request ? JSON.stringify(request) : null;
  const settledKey = useDebouncedValue(key, AUDIO_MATCH_DEBOUNCE_MS);
  const query = useQuery({
    queryKey: queryKeys.audioMatch(settledKey ?? ''),
    queryFn: () => api.inference.matchAudio(JSON.parse(settledKey ?? '{}') as AudioMatchRequest),
    enabled: settledKey !== null && settledKey === key,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
    retry: false,
  });
  return { ...query, settling: key !== settledKey, active: key !== null };
}
