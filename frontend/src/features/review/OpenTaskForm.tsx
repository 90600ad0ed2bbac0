import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import { LinesField } from '@/components/LinesField';
import { NumberField } from '@/components/NumberField';
import { PathField } from '@/components/PathField';
import type { ReviewMode } from './annotation-values';
import type { OpenForm } from './useOpenTask';

const csvFilters = [{ name: 'Annotation task (CSV)', extensions: ['csv'] }];

export interface OpenTaskFormProps {
  form: OpenForm;
  onChange: (patch: Partial<OpenForm>) => void;
  onLoad: () => void;
  loading: boolean;
  error: string | null;
  /** A task is open: mode and classes apply at once. */
  opened: boolean;
}

/** Open an annotation task CSV: file, root audio folder, score threshold, mode and class list. */
export function OpenTaskForm({
  form,
  onChange,
  onLoad,
  loading,
  error,
  opened,
}: OpenTaskFormProps) {
  const missing = !form.csvPath.trim();
  return (
    <Paper sx={{ p: 2, mb: 2 }} data-testid="review-open">
      <Stack spacing={2}>
        <PathField
          label="Annotation task (CSV)"
          mode="file"
          required
          value={form.csvPath}
          onChange={(csvPath) => onChange({ csvPath })}
          filters={csvFilters}
          testId="review-csv"
          helperText="Columns: file, start_time, optional end_time, annotation, comments, scores."
        />
        <PathField
          label="Root audio folder"
          value={form.audioRoot}
          onChange={(audioRoot) => onChange({ audioRoot })}
          testId="review-audio-root"
          helperText="Where relative file paths start. Leave empty when the task holds absolute paths."
        />
        <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 2, alignItems: 'flex-start' }}>
          <Box sx={{ width: 220 }}>
            <NumberField
              label="Score threshold"
              value={form.scoreThreshold}
              onChange={(scoreThreshold) =>
                onChange({ scoreThreshold: Number.isNaN(scoreThreshold) ? null : scoreThreshold })
              }
              emptyLabel="None"
              helperText="Clips scoring below it are left out."
              testId="review-threshold"
            />
          </Box>
          <ToggleButtonGroup
            exclusive
            size="small"
            value={form.mode}
            onChange={(_event, mode: ReviewMode | 'auto' | null) => mode && onChange({ mode })}
            aria-label="Review mode"
          >
            <ToggleButton value="auto" data-testid="review-mode-auto">
              Mode from file
            </ToggleButton>
            <ToggleButton value="binary" data-testid="review-mode-binary">
              Binary
            </ToggleButton>
            <ToggleButton value="multiclass" data-testid="review-mode-multiclass">
              Multiclass
            </ToggleButton>
          </ToggleButtonGroup>
        </Box>
        {form.mode !== 'binary' && (
          <LinesField
            label="Classes (one per line)"
            value={form.classes}
            onChange={(classes) => onChange({ classes })}
            helperText={
              form.mode === 'auto'
                ? 'Used in multiclass mode; empty = the classes found in the file.'
                : 'The choices of the class selector on every clip.'
            }
            testId="review-classes"
          />
        )}
        {error && (
          <Alert severity="error" data-testid="review-load-error">
            {error}
          </Alert>
        )}
        <Box>
          <Button
            variant="contained"
            onClick={onLoad}
            disabled={missing || loading}
            data-testid="review-load"
          >
            {loading ? 'Loading…' : opened ? 'Reload task' : 'Open task'}
          </Button>
        </Box>
      </Stack>
    </Paper>
  );
}
