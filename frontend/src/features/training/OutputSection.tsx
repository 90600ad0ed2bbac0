import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { PathField } from '@/components/PathField';
import type { TrainingFormDispatch, TrainingFormValues } from './training-form';

interface Props {
  values: TrainingFormValues;
  dispatch: TrainingFormDispatch;
}

/** Where the job folder goes, and the optional active-learning loop it adds a round to. */
export function OutputSection({ values, dispatch }: Props) {
  const patch = (next: Partial<TrainingFormValues>) => dispatch({ type: 'patch', values: next });
  const file = values.model_type === 'cnn' ? 'model.pt' : 'model.dipper.pt';
  return (
    <Stack spacing={2} component="section" aria-label="Output">
      <Typography variant="h3" component="h2">
        Output
      </Typography>
      <PathField
        label="Output folder"
        required
        value={values.output_dir}
        onChange={(output_dir) => patch({ output_dir })}
        helperText={`A job folder is made inside it: ${file} (a local model for Inference), metrics, validation predictions and the report.`}
        testId="training-output-dir"
      />
      <PathField
        label="Active-learning loop folder (optional)"
        value={values.loop_dir}
        onChange={(loop_dir) => patch({ loop_dir })}
        helperText="A folder for this project's rounds: when training finishes, its labels, model and held-out AP are added to dipper_loop.json there, and the learning curve below shows every round. Use the same folder for every round."
        testId="training-loop-dir"
      />
    </Stack>
  );
}
