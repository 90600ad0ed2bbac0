import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { NumberField } from '@/components/NumberField';
import type { ExtractionFormDispatch, ExtractionFormValues } from './extraction-form';
import { WindowsTable } from './WindowsTable';

interface Props {
  values: ExtractionFormValues;
  missing: string[];
  dispatch: ExtractionFormDispatch;
}

/** Score threshold, date windows and time-of-day windows that drop candidate clips. */
export function FiltersSection({ values, missing, dispatch }: Props) {
  const patch = (next: Partial<ExtractionFormValues>) => dispatch({ type: 'patch', values: next });
  return (
    <Stack spacing={2} component="section" aria-label="Filters">
      <Typography variant="h3" component="h2">
        Filters
      </Typography>
      <NumberField
        label="Score threshold"
        value={values.score_threshold}
        onChange={(value) => patch({ score_threshold: value })}
        emptyLabel="None (keep every score)"
        error={missing.includes('Score threshold')}
        helperText="Scores below this are dropped before strata and percentiles are computed (same units as the predictions: logits by default)."
        testId="extraction-threshold"
      />
      <WindowsTable
        kind="date"
        title="Date windows"
        description="Keep only recordings from these dates (inclusive). None: every date."
        rows={values.date_windows}
        onChange={(rows) => patch({ date_windows: rows })}
        testId="extraction-date-windows"
      />
      <WindowsTable
        kind="time"
        title="Time-of-day windows"
        description="Keep only clips recorded at these times of day (24 h; 22:00–02:00 wraps midnight). None: any time."
        rows={values.time_windows}
        onChange={(rows) => patch({ time_windows: rows })}
        testId="extraction-time-windows"
      />
    </Stack>
  );
}
