import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { MODEL_OPTIONS } from './inference-config';

/**
 * The model select. Models that need weights from the internet are listed but not offered yet; a
 * loaded config naming another model still shows it.
 */
export function ModelField({
  value,
  onChange,
}: {
  value: string;
  onChange: (model: string) => void;
}) {
  const known = MODEL_OPTIONS.find((option) => option.value === value);
  return (
    <TextField
      select
      size="small"
      label="Model"
      value={value}
      onChange={(event) => onChange(event.target.value)}
      helperText={
        known?.needsDownload === false
          ? 'Runs offline; no download needed.'
          : 'This model needs its weights downloaded before it can run.'
      }
      slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'inference-model' } as object } }}
    >
      {MODEL_OPTIONS.map((option) => (
        <MenuItem key={option.value} value={option.value} disabled={option.needsDownload}>
          {option.needsDownload ? `${option.label} — needs download` : option.label}
        </MenuItem>
      ))}
      {!known && <MenuItem value={value}>{value}</MenuItem>}
    </TextField>
  );
}
