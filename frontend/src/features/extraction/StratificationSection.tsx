import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useMemo } from 'react';
import { errorMessage } from '@/api/errors';
import { MultiSelectField } from '@/components/MultiSelectField';
import { PathField } from '@/components/PathField';
import type { useExtractionMetadata } from '@/hooks/useExtractionQueries';
import type { ExtractionFormDispatch, ExtractionFormValues } from './extraction-form';
import { WindowsTable } from './WindowsTable';

interface Props {
  values: ExtractionFormValues;
  metadata: ReturnType<typeof useExtractionMetadata>;
  missing: string[];
  dispatch: ExtractionFormDispatch;
}

type StratumFlag = 'stratify_by_subfolder' | 'stratify_by_file' | 'stratify_by_week';

const FLAGS: { field: StratumFlag; label: string; testId: string }[] = [
  { field: 'stratify_by_subfolder', label: 'Subfolder', testId: 'extraction-by-subfolder' },
  { field: 'stratify_by_file', label: 'Audio file', testId: 'extraction-by-file' },
  { field: 'stratify_by_week', label: 'Week', testId: 'extraction-by-week' },
];

/**
 * Strata (combinable): subfolder, file, week, folder-metadata columns and date windows. Every
 * strategy draws its clips in every combination of the chosen strata.
 */
export function StratificationSection({ values, metadata, missing, dispatch }: Props) {
  const patch = (next: Partial<ExtractionFormValues>) => dispatch({ type: 'patch', values: next });
  const columns = metadata.settling ? undefined : metadata.data?.columns;
  const options = useMemo(
    () =>
      (columns ?? []).map((column) => ({
        value: column.name,
        label: `${column.name} (${column.unique_values} unique value${column.unique_values === 1 ? '' : 's'})`,
      })),
    [columns],
  );
  const problems = metadata.settling ? [] : (metadata.data?.problems ?? []);
  return (
    <Stack spacing={2} component="section" aria-label="Stratification">
      <Box>
        <Typography variant="h3" component="h2">
          Stratification
        </Typography>
        <Typography variant="body2" color="text.secondary">
          Each strategy draws its clips in every combination of the strata picked here (4 date
          windows × 5 subfolders × N = 1 → 20 clips per class). None: one stratum.
        </Typography>
      </Box>
      <FormGroup row>
        {FLAGS.map(({ field, label, testId }) => (
          <FormControlLabel
            key={field}
            label={label}
            control={
              <Checkbox
                checked={values[field]}
                onChange={(event) => patch({ [field]: event.target.checked })}
                slotProps={{ input: { 'data-testid': testId } as object }}
              />
            }
          />
        ))}
      </FormGroup>
      <PathField
        label="Folder metadata CSV (optional)"
        mode="file"
        filters={[{ name: 'CSV', extensions: ['csv'] }]}
        value={values.metadata_csv}
        onChange={(value) => patch({ metadata_csv: value })}
        helperText="A CSV with a `folder` column (subfolder path or name); its other columns can be strata."
        testId="extraction-metadata-csv"
      />
      {metadata.active && metadata.isError && !metadata.settling && (
        <Alert severity="error" data-testid="extraction-metadata-error">
          {errorMessage(metadata.error)}
        </Alert>
      )}
      {problems.length > 0 && (
        <Alert severity="warning">
          {problems.map((problem, index) => (
            <div key={index}>{problem.message}</div>
          ))}
        </Alert>
      )}
      {values.metadata_csv.trim() && (
        <MultiSelectField
          label="Metadata columns"
          inputId="extraction-metadata-columns"
          options={options}
          value={values.metadata_columns}
          onChange={(next) => patch({ metadata_columns: next })}
          isLoading={metadata.settling || metadata.isFetching}
          error={missing.includes('Metadata columns')}
          placeholder="Columns used as strata"
        />
      )}
      <WindowsTable
        kind="date"
        title="Date-window strata"
        description="One stratum per window; clips outside every window are left out."
        rows={values.stratify_date_windows}
        onChange={(rows) => patch({ stratify_date_windows: rows })}
        testId="extraction-strata-windows"
      />
    </Stack>
  );
}
