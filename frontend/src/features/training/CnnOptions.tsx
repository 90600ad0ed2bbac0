import Box from '@mui/material/Box';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { CNN_ARCHITECTURES, type CnnArchitecture } from '@/api/training-schemas';
import { FormNumberField, type FormFieldProps } from './FormNumberField';
import { ToggleRow } from './ToggleRow';

/** CNN fine-tuning: architecture, pretrained weights, clip length, bandpass, loading workers and masking. */
export function CnnOptions(props: FormFieldProps) {
  const { values, missing, patch } = props;
  const bandpassBad = missing.some((m) => m.startsWith('Bandpass'));
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
        <FormNumberField
          {...props}
          field="clip_duration_s"
          label="Clip duration"
          unit="s"
          helperText="Length of each training sample (up to 60 s)"
          testId="training-clip-duration"
        />
        <FormNumberField
          {...props}
          field="bandpass_min_hz"
          label="Bandpass low"
          unit="Hz"
          emptyLabel="0 Hz"
          error={bandpassBad}
          testId="training-bandpass-min"
        />
        <FormNumberField
          {...props}
          field="bandpass_max_hz"
          label="Bandpass high"
          unit="Hz"
          emptyLabel="16,000 Hz"
          error={bandpassBad}
          helperText="The spectrogram's band (audio is resampled to 32 kHz)"
          testId="training-bandpass-max"
        />
        <FormNumberField
          {...props}
          field="num_workers"
          label="Loading workers"
          emptyLabel="Auto"
          helperText="Processes that read and augment audio while the network trains (auto: one per spare core, up to 4; 0: none)"
          testId="training-num-workers"
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
