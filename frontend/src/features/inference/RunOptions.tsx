import Box from '@mui/material/Box';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import type { InferenceConfig } from '@/api/schemas';
import { NumberField } from '@/components/NumberField';
import type { InferenceFormDispatch } from './inference-form';

const DEVICES: { value: InferenceConfig['device']; label: string }[] = [
  { value: 'auto', label: 'Auto (GPU when available)' },
  { value: 'cpu', label: 'CPU' },
  { value: 'cuda', label: 'CUDA (NVIDIA GPU)' },
  { value: 'mps', label: 'MPS (Apple GPU)' },
];

const ACTIVATIONS: { value: InferenceConfig['activation']; label: string }[] = [
  { value: 'logits', label: 'Logits (raw scores)' },
  { value: 'sigmoid', label: 'Sigmoid (0–1 per class)' },
  { value: 'softmax', label: 'Softmax (sums to 1 per clip)' },
];

interface Props {
  config: InferenceConfig;
  missing: string[];
  dispatch: InferenceFormDispatch;
}

/** How the model runs: clip overlap, batch size, workers, device and score activation. */
export function RunOptions({ config, missing, dispatch }: Props) {
  const patch = (values: Partial<InferenceConfig>) => dispatch({ type: 'patch', values });
  return (
    <Box
      sx={{
        display: 'grid',
        gap: 2,
        gridTemplateColumns: { xs: '1fr', sm: 'repeat(2, 1fr)', lg: 'repeat(3, 1fr)' },
      }}
    >
      <NumberField
        label="Clip overlap"
        unit="fraction"
        value={config.overlap_fraction}
        onChange={(value) => patch({ overlap_fraction: value ?? Number.NaN })}
        error={missing.includes('Clip overlap')}
        helperText="Share of each clip repeated in the next: 0 (none) to 0.9."
        testId="inference-overlap"
      />
      <NumberField
        label="Batch size"
        unit="clips"
        emptyLabel="Auto"
        value={config.batch_size}
        onChange={(value) => patch({ batch_size: value })}
        error={missing.includes('Batch size')}
        helperText="Empty = auto, picked for this machine's memory."
        testId="inference-batch-size"
      />
      <NumberField
        label="Workers"
        unit="processes"
        emptyLabel="Auto"
        value={config.num_workers}
        onChange={(value) => patch({ num_workers: value })}
        error={missing.includes('Workers')}
        helperText="Audio-loading processes. Empty = auto (from the CPU count)."
        testId="inference-workers"
      />
      <TextField
        select
        size="small"
        label="Device"
        value={config.device}
        onChange={(event) => patch({ device: event.target.value as InferenceConfig['device'] })}
        helperText="Auto uses a GPU when there is one."
        slotProps={{
          select: { SelectDisplayProps: { 'data-testid': 'inference-device' } as object },
        }}
      >
        {DEVICES.map((option) => (
          <MenuItem key={option.value} value={option.value}>
            {option.label}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        size="small"
        label="Scores"
        value={config.activation}
        onChange={(event) =>
          patch({ activation: event.target.value as InferenceConfig['activation'] })
        }
        helperText="Activation applied to the model's outputs."
        slotProps={{
          select: { SelectDisplayProps: { 'data-testid': 'inference-activation' } as object },
        }}
      >
        {ACTIVATIONS.map((option) => (
          <MenuItem key={option.value} value={option.value}>
            {option.label}
          </MenuItem>
        ))}
      </TextField>
    </Box>
  );
}
