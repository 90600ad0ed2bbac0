import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Typography from '@mui/material/Typography';
import type { LabelSourceSummary, LabelSummary } from '@/api/training-schemas';
import { countsLine, sourceDetails } from './training-format';

/**
 * The summary of the source of this kind and path, if the server has answered for it.
 * @param summary - The label summary (undefined while asking).
 * @param kind - Which kind of source.
 * @param path - Its path as sent (trimmed).
 */
export function summaryFor(
  summary: LabelSummary | undefined,
  kind: LabelSourceSummary['kind'],
  path: string,
): LabelSourceSummary | undefined {
  return summary?.sources.find((source) => source.kind === kind && source.path === path.trim());
}

/**
 * What one label source holds: a chip per class with its counts ("Great Tit: 23 yes, 40 no"), the
 * rows / reviewed / missing-recording details, and the problems that would stop the job.
 */
export function SourceSummaryLine({
  source,
  testId,
}: {
  source: LabelSourceSummary | undefined;
  testId: string;
}) {
  if (!source) return null;
  const classes = Object.entries(source.counts);
  return (
    <Box data-testid={testId} sx={{ display: 'flex', flexDirection: 'column', gap: 0.75 }}>
      {classes.length > 0 && (
        <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.5 }}>
          {classes.map(([name, counts]) => (
            <Chip
              key={name}
              size="small"
              variant="outlined"
              color={counts.positive && counts.negative ? 'default' : 'warning'}
              label={countsLine(source, name, counts)}
              data-testid={`${testId}-count`}
            />
          ))}
        </Box>
      )}
      <Typography variant="body2" color="text.secondary">
        {sourceDetails(source)}
      </Typography>
      {source.problems.map((problem) => (
        <Alert key={problem} severity="error" data-testid={`${testId}-problem`}>
          {problem}
        </Alert>
      ))}
    </Box>
  );
}
