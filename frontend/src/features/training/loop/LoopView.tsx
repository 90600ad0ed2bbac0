import FastForwardIcon from '@mui/icons-material/FastForward';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { errorMessage } from '@/api/errors';
import type { Loop } from '@/api/loop-schemas';
import { LearningCurvePlot } from './LearningCurvePlot';
import { LoopRoundsTable } from './LoopRoundsTable';
import { NextRoundDialog } from './NextRoundDialog';
import { evaluationLabel } from './loop-format';
import { useLoop } from './useLoop';

/** "Rounds used: held-out split (1–2), evaluation set (3)": which rounds used which evaluation. */
function evaluationWarning(loop: Loop): string {
  const parts = loop.curve.evaluation_kinds.map((kind) => {
    const rounds = loop.rounds.filter((r) => r.evaluation === kind).map((r) => r.round);
    return `${evaluationLabel(kind)} (round${rounds.length === 1 ? '' : 's'} ${rounds.join(', ')})`;
  });
  return (
    `Rounds were evaluated differently: ${parts.join('; ')}. APs are only comparable on the same ` +
    'fixed evaluation set: set one in the Training form and keep it for every round.'
  );
}

function LoopBody({ loop, loopDir }: { loop: Loop; loopDir: string }) {
  const [nextOpen, setNextOpen] = useState(false);
  const latest = loop.rounds[loop.rounds.length - 1];

  if (!latest) {
    return (
      <Typography variant="body2" color="text.secondary" data-testid="loop-empty">
        No rounds yet in {loop.path}. A training task run with this loop folder adds round 1 when it
        finishes.
      </Typography>
    );
  }
  return (
    <Stack spacing={2}>
      {loop.warnings.map((warning) => (
        <Alert key={warning} severity="warning">
          {warning}
        </Alert>
      ))}
      {loop.curve.mixed_evaluation && (
        <Alert severity="warning" data-testid="loop-mixed-evaluation">
          {evaluationWarning(loop)}
        </Alert>
      )}
      <LearningCurvePlot curve={loop.curve} classes={latest.classes} />
      <LoopRoundsTable
        rounds={loop.rounds}
        latestAction={
          <Button
            size="small"
            variant="contained"
            startIcon={<FastForwardIcon />}
            onClick={() => setNextOpen(true)}
            data-testid="loop-next-round"
          >
            Next round
          </Button>
        }
      />
      {nextOpen && (
        <NextRoundDialog
          round={latest}
          rounds={loop.rounds}
          loopDir={loop.loop_dir || loopDir}
          onClose={() => setNextOpen(false)}
        />
      )}
    </Stack>
  );
}

/**
 * The active-learning loop of a folder: a learning curve (labels used → held-out AP) and a table of
 * rounds, refreshed while training runs, with "Next round" on the latest round.
 * @param loopDir - Absolute loop folder (the Training form's "Active-learning loop folder").
 */
export function LoopView({ loopDir }: { loopDir: string }) {
  const query = useLoop(loopDir);
  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid="loop-view">
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1.5 }}>
        <Typography variant="h6" component="h2">
          Active-learning loop
        </Typography>
        {query.isFetching && <CircularProgress size={16} aria-label="Refreshing the loop" />}
        <Box sx={{ flex: 1 }} />
        {query.data && (
          <Typography variant="body2" color="text.secondary">
            {query.data.rounds.length} round{query.data.rounds.length === 1 ? '' : 's'}
          </Typography>
        )}
      </Stack>
      {query.isError && (
        <Alert severity="error" data-testid="loop-error">
          {errorMessage(query.error)}
        </Alert>
      )}
      {query.data && <LoopBody loop={query.data} loopDir={loopDir} />}
    </Paper>
  );
}
