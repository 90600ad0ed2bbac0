import Box from '@mui/material/Box';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import Switch from '@mui/material/Switch';
import type { FormFieldProps } from './FormNumberField';

type Toggle =
  'cnn_pretrained' | 'augment_noise_overlay' | 'augment_time_mask' | 'augment_frequency_mask';

/** A switch bound to one on/off option of the training form, with its explanation underneath. */
export function ToggleRow({
  values,
  patch,
  field,
  label,
  help,
  disabled,
}: FormFieldProps & { field: Toggle; label: string; help: string; disabled?: boolean }) {
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
