/**
 * Live preview of BirdNET's location + date species filter: asked once the fields have stopped
 * changing for 500 ms and are valid, cached per request.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useApi } from '@/api/ApiProvider';
import { SpeciesFilterSchema, type SpeciesFilter } from '@/api/wandb-schemas';
import { useDebouncedValue } from '@/hooks/useDebouncedValue';

/** Quiet time after the last keystroke before the server is asked. */
export const SPECIES_LIST_DEBOUNCE_MS = 500;

/**
 * The species the filter keeps.
 * @param filter - The filter fields, or null when the filter is off (nothing is asked).
 */
export function useSpeciesList(filter: SpeciesFilter | null) {
  const api = useApi();
  const valid = filter !== null && SpeciesFilterSchema.safeParse(filter).success;
  const key = valid ? JSON.stringify(filter) : null;
  const settledKey = useDebouncedValue(key, SPECIES_LIST_DEBOUNCE_MS);
  const query = useQuery({
    queryKey: ['inference', 'species-list', settledKey ?? ''] as const,
    queryFn: () => api.inference.speciesList(JSON.parse(settledKey ?? '{}') as SpeciesFilter),
    enabled: settledKey !== null && settledKey === key,
    placeholderData: keepPreviousData,
    staleTime: Infinity,
    retry: false,
  });
  return { ...query, settling: key !== settledKey, active: key !== null };
}
