import Box from '@mui/material/Box';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import { CNN_ARCHITECTURES, type CnnArchitecture } from '@/api/training-schemas';
import { NumberField } from '@/components/NumberField';
import type { TrainingFormValues } from './training-form';

export interface CnnOptionsProps {
  values: TrainingFormValues;
  missing: string[];
  patch: (next: Partial<TrainingFormValues>) => void;
}

type Toggle =
  'cnn_pretrained' | 'augment_noise_overlay' | 'augment_time_mask' | 'augment_frequency_mask';

/** A switch with its explanation underneath. */
export function ToggleRow({
  values,
  patch,
  field,
  label,
  help,
  disabled,
}: CnnOptionsProps & { field: Toggle; label: string; help: string; disabled?: boolean }) {
  return (
    <Box sx={{ minWidth: 240, flex: '1 1 240px' }}>
      <FormControlLabel
        label={label}
        disabled={disabled}
        control={
          <Switch
            checked={values[field]}
            onChange={(event) => patch({ [field]: event.target.checked })}
            slotProps={{ input: { 'data-testid': `training-${field}` } as object }}
          />
        }
      />
      <FormHelperText sx={{ mt: 0, ml: 6 }}>{help}</FormHelperText>
    </Box>
  );
}

/** CNN fine-tuning: architecture, pretrained weights, clip length, bandpass and masking. */
export function CnnOptions(props: CnnOptionsProps) {
  const { values, missing, patch } = props;
  return (
    <Stack spacing={2}>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 2, alignItems: 'flex-start' }}>
        <TextField
          select
          size="small"
          label="Architecture"
          value={values.cnn_architecture}
          onChange={(event) => patch({ cnn_architecture: event.target.value as CnnArchitecture })}
          sx={{ minWidth: 200 }}
          slotProps={{ htmlInput: { 'data-testid': 'training-cnn-architecture' } }}
        >
          {CNN_ARCHITECTURES.map((name) => (
            <MenuItem key={name} value={name}>
              {name}
            </MenuItem>
          ))}
        </TextField>
        <NumberField
          label="Clip duration"
          unit="s"
          value={values.clip_duration_s}
          error={missing.includes('Clip duration')}
          helperText="Length of each training sample (up to 60 s)"
          onChange={(value) => patch({ clip_duration_s: value ?? Number.NaN })}
          testId="training-clip-duration"
        />
        <NumberField
          label="Bandpass low"
          unit="Hz"
          emptyLabel="0 Hz"
          value={values.bandpass_min_hz}
          error={missing.some((m) => m.startsWith('Bandpass'))}
          onChange={(value) => patch({ bandpass_min_hz: value })}
          testId="training-bandpass-min"
        />
        <NumberField
          label="Bandpass high"
          unit="Hz"
          emptyLabel="16,000 Hz"
          value={values.bandpass_max_hz}
          error={missing.some((m) => m.startsWith('Bandpass'))}
          helperText="The spectrogram's band (audio is resampled to 32 kHz)"
          onChange={(value) => patch({ bandpass_max_hz: value })}
          testId="training-bandpass-max"
        />
      </Box>
      <Box sx={{ display: 'flex' }}>
        <ToggleRow
          {...props}
          field="cnn_pretrained"
          label="Start from ImageNet weights"
          help="Downloaded once (needs the internet); offline, leave this off and the CNN starts from random weights."
        />
      </Box>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1 }}>
        <ToggleRow
          {...props}
          field="augment_time_mask"
          label="Time masking"
          help="Hide short time stretches"
        />
        <ToggleRow
          {...props}
          field="augment_frequency_mask"
          label="Frequency masking"
          help="Hide random frequency bands"
        />
      </Box>
    </Stack>
  );
}
