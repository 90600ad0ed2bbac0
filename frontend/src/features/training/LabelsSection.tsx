import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { TrainingFormDispatch, TrainingFormValues } from './training-form';
import { LabelSourcesEditor } from './LabelSourcesEditor';
import type { LabelSummaryQuery } from './useLabelSummary';

interface Props {
  values: TrainingFormValues;
  query: LabelSummaryQuery;
  dispatch: TrainingFormDispatch;
}

/** The training labels: annotation CSVs from Review, Raven tables, a labelled folder. */
export function LabelsSection({ values, query, dispatch }: Props) {
  return (
    <Stack spacing={2} component="section" aria-label="Labels">
      <Typography variant="h3" component="h2">
        Labels
      </Typography>
      <Typography variant="body2" color="text.secondary">
        Reviewed annotation tasks (binary: yes/no about one class; multiclass: class lists), Raven
        selection tables, or a folder of labelled recordings — any mix of them.
      </Typography>
      <LabelSourcesEditor
        sources={values.labels}
        onChange={(sources) => dispatch({ type: 'setSources', which: 'labels', sources })}
        query={query}
        testId="training-labels"
      />
    </Stack>
  );
}
