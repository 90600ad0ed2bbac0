import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { errorMessage } from '@/api/errors';
import type { LoopRound } from '@/api/loop-schemas';
import { DisabledReasonTooltip, missingFieldsReason } from '@/components/DisabledReasonTooltip';
import { NumberField } from '@/components/NumberField';
import { PathField } from '@/components/PathField';
import { baseName } from './loop-format';
import {
  NEXT_ROUND_STRATEGIES,
  defaultNextRoundForm,
  nextRoundMissing,
  type NextRoundForm,
  type NextRoundStrategy,
} from './next-round';
import { useNextRound } from './useNextRound';

interface Props {
  /** The latest round (its model scores the new recordings). */
  round: LoopRound;
  rounds: LoopRound[];
  loopDir: string;
  onClose: () => void;
}

/**
 * "Next round": run the latest model on recordings, then pick the next clips to review with an
 * active-learning strategy in the Extraction tab (which waits for the inference task).
 */
export function NextRoundDialog({ round, rounds, loopDir, onClose }: Props) {
  const [form, setForm] = useState<NextRoundForm>(() => defaultNextRoundForm(round, loopDir));
  const nextRound = useNextRound();
  const patch = (values: Partial<NextRoundForm>) =>
    setForm((current) => ({ ...current, ...values }));
  const reason = missingFieldsReason(nextRoundMissing(form, round));

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" data-testid="loop-next-round-dialog">
      <DialogTitle>Round {round.round + 1}: find the next clips to review</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>
          Runs round {round.round}&apos;s model ({baseName(round.model_file)}) on the recordings as
          an inference task, then opens Extraction with the chosen strategy; it builds the
          annotation task once the inference has finished. Clips in the loop&apos;s annotation files
          are never picked again.
        </DialogContentText>
        <Stack spacing={2}>
          <PathField
            label="Recordings to run the model on"
            value={form.audioDir}
            onChange={(audioDir) => patch({ audioDir })}
            required
            helperText={
              round.recordings_dirs.length
                ? `The recordings round ${round.round}'s annotation tasks were drawn from.`
                : `Starts at the folder of round ${round.round}'s labelled clips: choose your ` +
                  'full recordings folder to find new clips there.'
            }
            testId="loop-next-audio-dir"
          />
          <PathField
            label="Inference output folder"
            value={form.outputDir}
            onChange={(outputDir) => patch({ outputDir })}
            required
            helperText="The inference job folder is created inside it."
            testId="loop-next-output-dir"
          />
          <FormControl>
            <FormLabel>Strategy</FormLabel>
            <RadioGroup
              value={form.strategy}
              onChange={(event) => patch({ strategy: event.target.value as NextRoundStrategy })}
            >
              {NEXT_ROUND_STRATEGIES.map((strategy) => (
                <FormControlLabel
                  key={strategy.kind}
                  value={strategy.kind}
                  control={<Radio size="small" />}
                  data-testid={`loop-next-strategy-${strategy.kind}`}
                  label={
                    <span>
                      {strategy.label}
                      <Typography variant="caption" color="text.secondary" component="span">
                        {' '}
                        — {strategy.help}
                      </Typography>
                    </span>
                  }
                />
              ))}
            </RadioGroup>
          </FormControl>
          <NumberField
            label="Clips per class"
            value={form.clipsPerClass}
            onChange={(value) => patch({ clipsPerClass: value ?? Number.NaN })}
            error={!Number.isInteger(form.clipsPerClass) || form.clipsPerClass < 1}
            unit="clips"
            testId="loop-next-clips"
          />
          {nextRound.isError && (
            <Alert severity="error" data-testid="loop-next-error">
              {errorMessage(nextRound.error)}
            </Alert>
          )}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <DisabledReasonTooltip reason={reason}>
          <Button
            variant="contained"
            disabled={Boolean(reason) || nextRound.isPending}
            onClick={() =>
              nextRound.mutate({ form, round, rounds, loopDir }, { onSuccess: () => onClose() })
            }
            data-testid="loop-next-start"
          >
            {nextRound.isPending ? 'Starting…' : 'Run inference and open Extraction'}
          </Button>
        </DisabledReasonTooltip>
      </DialogActions>
    </Dialog>
  );
}
