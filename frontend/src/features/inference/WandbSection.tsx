import Box from '@mui/material/Box';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import type { InferenceConfig } from '@/api/schemas';
import type { WandbOptions } from '@/api/wandb-schemas';
import { DisabledReasonTooltip } from '@/components/DisabledReasonTooltip';
import { useWandbStatus } from '@/hooks/useWandb';
import type { InferenceFormDispatch } from './inference-form';

/** Shown when the switch is disabled because no W&B key is stored. */
export const WANDB_LOGIN_HINT =
  'Log in to Weights & Biases on the Settings page first (Settings → Weights & Biases).';

interface Props {
  config: InferenceConfig;
  missing: string[];
  dispatch: InferenceFormDispatch;
}

/**
 * Optional Weights & Biases logging: project, run name and notes. Disabled (with the reason) until
 * a W&B key is stored in Settings; a loaded config that logs can still be switched off.
 */
export function WandbSection({ config, missing, dispatch }: Props) {
  const status = useWandbStatus();
  const loggedIn = status.data?.logged_in ?? false;
  const options = config.wandb;
  const set = (wandb: WandbOptions | null) => dispatch({ type: 'patch', values: { wandb } });
  const patch = (values: Partial<WandbOptions>) => options && set({ ...options, ...values });
  const reason = loggedIn || options ? null : WANDB_LOGIN_HINT;
  return (
    <Stack spacing={1.5} data-testid="wandb-section">
      <Box>
        <DisabledReasonTooltip reason={reason}>
          <FormControlLabel
            disabled={reason !== null}
            control={
              <Switch
                checked={options !== null}
                onChange={(event) =>
                  set(
                    event.target.checked
                      ? {
                          project: '',
                          entity: status.data?.entity ?? null,
                          run_name: null,
                          notes: null,
                        }
                      : null,
                  )
                }
                slotProps={{ input: { 'data-testid': 'wandb-toggle' } as object }}
              />
            }
            label="Log to Weights & Biases"
          />
        </DisabledReasonTooltip>
        <FormHelperText sx={{ mt: 0, ml: 6 }} data-testid="wandb-help">
          {loggedIn
            ? 'Logs progress, the settings and the top detections per class; the task links to the run.'
            : status.isPending
              ? 'Checking the W&B login…'
              : WANDB_LOGIN_HINT}
        </FormHelperText>
      </Box>
      {options && (
        <Box
          sx={{
            display: 'grid',
            gap: 2,
            gridTemplateColumns: { xs: '1fr', sm: 'repeat(2, 1fr)' },
          }}
        >
          <TextField
            size="small"
            required
            label="W&B project"
            value={options.project}
            onChange={(event) => patch({ project: event.target.value })}
            error={missing.includes('W&B project')}
            helperText="Created on first use."
            slotProps={{ htmlInput: { 'data-testid': 'wandb-project' } }}
          />
          <TextField
            size="small"
            label="Run name (optional)"
            value={options.run_name ?? ''}
            onChange={(event) => patch({ run_name: event.target.value })}
            helperText="Empty: W&B picks one."
            slotProps={{ htmlInput: { 'data-testid': 'wandb-run-name' } }}
          />
          <TextField
            size="small"
            multiline
            minRows={2}
            label="Notes (optional)"
            value={options.notes ?? ''}
            onChange={(event) => patch({ notes: event.target.value })}
            sx={{ gridColumn: '1 / -1' }}
            slotProps={{ htmlInput: { 'data-testid': 'wandb-notes' } }}
          />
        </Box>
      )}
    </Stack>
  );
}
