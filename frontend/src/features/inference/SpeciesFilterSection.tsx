import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { errorMessage } from '@/api/errors';
import type { InferenceConfig } from '@/api/schemas';
import type { SpeciesFilter } from '@/api/wandb-schemas';
import { NumberField } from '@/components/NumberField';
import { speciesFilterApplies } from './inference-config';
import type { InferenceFormDispatch } from './inference-form';
import { useSpeciesList } from './useSpeciesList';

/** BirdNET-Analyzer's default minimum occurrence. */
export const DEFAULT_MIN_OCCURRENCE = 0.03;
const EXAMPLES = 4;

/** A number for a field: a not-yet-typed value (NaN) shows as an empty field. */
const shown = (value: number) => (Number.isNaN(value) ? null : value);

interface Props {
  config: InferenceConfig;
  missing: string[];
  dispatch: InferenceFormDispatch;
}

/** "N of 6,522 species kept (e.g. …)" from the server's preview. */
function SpeciesPreview({ filter }: { filter: SpeciesFilter }) {
  const preview = useSpeciesList(filter);
  if (!preview.active) {
    return (
      <Typography variant="body2" color="text.secondary" data-testid="species-filter-preview">
        Enter a latitude and longitude to see which species are kept.
      </Typography>
    );
  }
  if (preview.isError) {
    return (
      <Alert severity="warning" data-testid="species-filter-preview">
        {errorMessage(preview.error)}
      </Alert>
    );
  }
  if (!preview.data || preview.settling || preview.isFetching) {
    return (
      <Typography variant="body2" color="text.secondary" data-testid="species-filter-preview">
        Counting species…
      </Typography>
    );
  }
  const { count, total, species } = preview.data;
  const examples = species.slice(0, EXAMPLES).map((s) => s.name.split('_').pop() ?? s.name);
  return (
    <Typography variant="body2" data-testid="species-filter-preview">
      <strong>{count.toLocaleString('en')}</strong> of {total.toLocaleString('en')} species kept
      {examples.length > 0 && ` (e.g. ${examples.join(', ')}${count > EXAMPLES ? ', …' : ''})`}
      {count === 0 && ' — lower the minimum occurrence or check the location.'}
    </Typography>
  );
}

/**
 * BirdNET's location + date species filter: latitude, longitude, date (empty = whole year) and the
 * minimum occurrence, with a live count of the species kept. Shown for BirdNET only.
 */
export function SpeciesFilterSection({ config, missing, dispatch }: Props) {
  if (!speciesFilterApplies(config)) return null;
  const filter = config.species_filter;
  const patch = (values: Partial<SpeciesFilter>) =>
    filter && dispatch({ type: 'patch', values: { species_filter: { ...filter, ...values } } });
  const toggle = (on: boolean) =>
    dispatch({
      type: 'patch',
      values: {
        species_filter: on
          ? {
              latitude: Number.NaN,
              longitude: Number.NaN,
              date: null,
              min_occurrence: DEFAULT_MIN_OCCURRENCE,
            }
          : null,
      },
    });
  return (
    <Stack spacing={1.5} data-testid="species-filter-section">
      <Box>
        <FormControlLabel
          control={
            <Switch
              checked={filter !== null}
              onChange={(event) => toggle(event.target.checked)}
              slotProps={{ input: { 'data-testid': 'species-filter-toggle' } as object }}
            />
          }
          label="Location + date species filter"
        />
        <FormHelperText sx={{ mt: 0, ml: 6 }}>
          Keep only the species BirdNET&apos;s location model expects at the recording site and time
          of year. Combined with a class subset, only species in both are kept.
        </FormHelperText>
      </Box>
      {filter && (
        <>
          <Box
            sx={{
              display: 'grid',
              gap: 2,
              gridTemplateColumns: { xs: '1fr', sm: 'repeat(2, 1fr)', lg: 'repeat(4, 1fr)' },
            }}
          >
            <NumberField
              label="Latitude"
              unit="°N"
              value={shown(filter.latitude)}
              onChange={(value) => patch({ latitude: value ?? Number.NaN })}
              error={missing.includes('Latitude')}
              helperText="−90 to 90; south is negative."
              testId="species-filter-latitude"
            />
            <NumberField
              label="Longitude"
              unit="°E"
              value={shown(filter.longitude)}
              onChange={(value) => patch({ longitude: value ?? Number.NaN })}
              error={missing.includes('Longitude')}
              helperText="−180 to 180; west is negative."
              testId="species-filter-longitude"
            />
            <TextField
              size="small"
              type="date"
              label="Date"
              value={filter.date ?? ''}
              onChange={(event) => patch({ date: event.target.value || null })}
              error={missing.includes('Date (YYYY-MM-DD)')}
              helperText="Only its week of the year counts. Empty = whole year."
              slotProps={{
                inputLabel: { shrink: true },
                htmlInput: { 'data-testid': 'species-filter-date' },
              }}
            />
            <NumberField
              label="Min occurrence"
              value={shown(filter.min_occurrence)}
              onChange={(value) => patch({ min_occurrence: value ?? Number.NaN })}
              error={missing.includes('Min occurrence')}
              helperText="0 to 1; BirdNET's default is 0.03. Higher keeps fewer species."
              testId="species-filter-min-occurrence"
            />
          </Box>
          <SpeciesPreview filter={filter} />
        </>
      )}
    </Stack>
  );
}
