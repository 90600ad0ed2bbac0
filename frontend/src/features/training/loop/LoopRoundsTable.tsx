import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import type { LoopRound } from '@/api/loop-schemas';
import {
  baseName,
  evaluationLabel,
  formatAp,
  formatFinishedAt,
  formatLabelCount,
  modelTypeLabel,
} from './loop-format';

/** Height of the scrolling table in px (long loops scroll inside it). */
const TABLE_MAX_HEIGHT_PX = 360;

/** One line per class inside a cell: "A  0.900". */
function PerClass({ classes, value }: { classes: string[]; value: (name: string) => string }) {
  return (
    <Box
      component="dl"
      sx={{ m: 0, display: 'grid', gridTemplateColumns: 'auto auto', columnGap: 1 }}
    >
      {classes.map((name) => (
        <Box key={name} sx={{ display: 'contents' }}>
          <Typography component="dt" variant="caption" color="text.secondary">
            {name}
          </Typography>
          <Typography component="dd" variant="caption" sx={{ m: 0 }}>
            {value(name)}
          </Typography>
        </Box>
      ))}
    </Box>
  );
}

interface Props {
  rounds: LoopRound[];
  /** Shown in the latest round's row (the "Next round" button). */
  latestAction?: ReactNode;
}

/**
 * The loop's rounds, newest first: labels used (positives / negatives per class), model, held-out
 * mean AP and AP per class, and how it was evaluated.
 */
export function LoopRoundsTable({ rounds, latestAction }: Props) {
  const newestFirst = [...rounds].reverse();
  return (
    <TableContainer sx={{ maxHeight: TABLE_MAX_HEIGHT_PX }}>
      <Table size="small" stickyHeader data-testid="loop-rounds">
        <TableHead>
          <TableRow>
            <TableCell>Round</TableCell>
            <TableCell>Finished</TableCell>
            <TableCell align="right">Labels</TableCell>
            <TableCell>Per class (+ / −)</TableCell>
            <TableCell>Model</TableCell>
            <TableCell align="right">Mean AP</TableCell>
            <TableCell>AP per class</TableCell>
            <TableCell>Evaluation</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {newestFirst.map((round, index) => (
            <TableRow key={`${round.round}-${index}`} data-testid="loop-round-row">
              <TableCell>{round.round}</TableCell>
              <TableCell>{formatFinishedAt(round.finished_at)}</TableCell>
              <TableCell align="right">
                {round.n_labels === null ? '—' : round.n_labels.toLocaleString('en-US')}
              </TableCell>
              <TableCell>
                <PerClass
                  classes={round.classes}
                  value={(name) => formatLabelCount(round.label_counts[name])}
                />
              </TableCell>
              <TableCell>
                <Typography variant="body2">{modelTypeLabel(round.model_type)}</Typography>
                <Tooltip title={round.model_file ?? ''}>
                  <Typography variant="caption" color="text.secondary">
                    {baseName(round.model_file)}
                  </Typography>
                </Tooltip>
              </TableCell>
              <TableCell align="right">
                <strong>{formatAp(round.mean_average_precision)}</strong>
              </TableCell>
              <TableCell>
                <PerClass
                  classes={round.classes}
                  value={(name) => formatAp(round.average_precision[name])}
                />
              </TableCell>
              <TableCell>{evaluationLabel(round.evaluation)}</TableCell>
              <TableCell>{index === 0 ? latestAction : null}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
