import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import { PathField } from '@/components/PathField';
import type { FormFieldProps } from './FormNumberField';
import { ToggleRow } from './ToggleRow';

/**
 * Background-noise overlay, for both model types: a CNN mixes noise into every training clip; the
 * shallow model adds one noisy copy of each positive window (embedded on the fly, never cached).
 */
export function NoiseOptions(props: FormFieldProps) {
  const { values, patch } = props;
  const noNoise = !values.background_noise_dir.trim();
  const what =
    values.model_type === 'cnn'
      ? 'mixed into every training clip'
      : 'mixed into one extra copy of each positive (training takes longer: those copies are embedded each run)';
  return (
    <Stack spacing={1}>
      <PathField
        label="Background-noise folder (optional)"
        value={values.background_noise_dir}
        onChange={(background_noise_dir) => patch({ background_noise_dir })}
        helperText={`Recordings of your sites without the target sounds, ${what}.`}
        testId="training-background-noise"
      />
      <Box sx={{ display: 'flex' }}>
        <ToggleRow
          {...props}
          field="augment_noise_overlay"
          label="Noise overlay"
          disabled={noNoise}
          help={noNoise ? 'Needs a background-noise folder' : 'Mix in background noise'}
        />
      </Box>
    </Stack>
  );
}
