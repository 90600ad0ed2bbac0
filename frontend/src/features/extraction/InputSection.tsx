import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useMemo } from 'react';
import { MultiSelectField } from '@/components/MultiSelectField';
import { PathField } from '@/components/PathField';
import type { useExtractionScan } from '@/hooks/useExtractionQueries';
import type { ExtractionFormDispatch, ExtractionFormValues } from './extraction-form';
import { ScanSummary } from './ScanSummary';

interface Props {
  values: ExtractionFormValues;
  scan: ReturnType<typeof useExtractionScan>;
  dispatch: ExtractionFormDispatch;
  /** The folder is written by a task still running: it is scanned once that task completes. */
  waitingForTask?: boolean;
}

/** Predictions folder (with the scan summary), audio root, and the classes to extract. */
export function InputSection({ values, scan, dispatch, waitingForTask = false }: Props) {
  const classes = scan.settling ? undefined : scan.data?.classes;
  const options = useMemo(
    () => (classes ?? []).map((name) => ({ value: name, label: name })),
    [classes],
  );
  const patch = (next: Partial<ExtractionFormValues>) => dispatch({ type: 'patch', values: next });
  const waiting = scan.active && (scan.settling || scan.isFetching);
  return (
    <Stack spacing={2} component="section" aria-label="Input">
      <Typography variant="h3" component="h2">
        Input
      </Typography>
      <PathField
        label="Predictions folder"
        required
        value={values.predictions_dir}
        onChange={(value) => patch({ predictions_dir: value })}
        helperText="An inference job folder; predictions*.csv and sparse_predictions*.pkl are found in it and its subfolders."
        testId="extraction-predictions-dir"
      />
      {waitingForTask ? (
        <Typography variant="body2" color="text.secondary" data-testid="extraction-scan">
          Scanned when the inference task writing this folder completes.
        </Typography>
      ) : (
        <ScanSummary scan={scan} />
      )}
      <PathField
        label="Audio root folder (optional)"
        value={values.audio_root}
        onChange={(value) => patch({ audio_root: value })}
        helperText="Where relative file paths in the predictions start. Leave empty when they are absolute."
        testId="extraction-audio-root"
      />
      <MultiSelectField
        label="Classes"
        inputId="extraction-classes"
        bulkActions
        options={options}
        value={values.classes}
        onChange={(next) => patch({ classes: next })}
        isLoading={waiting}
        placeholder={
          options.length
            ? `Type to search ${options.length.toLocaleString('en')} classes`
            : 'Choose a predictions folder first'
        }
        helperText="One annotation task per class in binary mode; one shared task in multiclass mode."
      />
    </Stack>
  );
}
