import Alert from '@mui/material/Alert';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useMemo } from 'react';
import { MultiSelectField } from '@/components/MultiSelectField';
import type { TrainingFormDispatch, TrainingFormValues } from './training-form';
import { classWarnings } from './training-format';
import type { LabelSummaryQuery } from './useLabelSummary';

interface Props {
  values: TrainingFormValues;
  missing: string[];
  query: LabelSummaryQuery;
  dispatch: TrainingFormDispatch;
}

/** The classes to train, picked from those the labels hold (none picked: all of them). */
export function ClassesSection({ values, missing, query, dispatch }: Props) {
  const summary = query.settling ? undefined : query.data;
  const found = summary?.classes;
  const options = useMemo(
    () => (found ?? []).map((name) => ({ value: name, label: name })),
    [found],
  );
  const warnings = summary ? classWarnings(summary.totals, values.classes) : [];
  const unknown = missing.find((label) => label.startsWith('Classes ('));
  return (
    <Stack spacing={2} component="section" aria-label="Classes">
      <Typography variant="h3" component="h2">
        Classes
      </Typography>
      <MultiSelectField
        label="Classes to train"
        inputId="training-classes"
        bulkActions
        options={options}
        value={values.classes}
        onChange={(classes) => dispatch({ type: 'patch', values: { classes } })}
        isLoading={query.active && (query.settling || query.isFetching)}
        error={Boolean(unknown)}
        placeholder={
          options.length
            ? `All ${options.length.toLocaleString('en')} classes found (type to pick some)`
            : 'Add label sources first'
        }
        helperText={
          unknown ??
          'None picked: every class found in the labels. The job refuses labels of classes left out, so pick every class the labels name (or remove their sources).'
        }
      />
      {warnings.length > 0 && (
        <Alert severity="warning" data-testid="training-class-warnings">
          {warnings.map((warning) => (
            <div key={warning}>{warning}</div>
          ))}
        </Alert>
      )}
    </Stack>
  );
}
