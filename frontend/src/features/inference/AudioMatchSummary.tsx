import ExpandLessIcon from '@mui/icons-material/ExpandLess';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Collapse from '@mui/material/Collapse';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { errorMessage } from '@/api/errors';
import type { AudioMatch, AudioMatchRequest } from '@/api/schemas';
import { useAudioMatch } from '@/hooks/useAudioMatch';
import { formatBytes } from '@/lib/format-bytes';
import { fontSizes, fonts } from '@/theme/tokens';

const baseName = (path: string) => path.split(/[\\/]/).pop() || path;

/** "312 files match (4.1 GB)"; "at least" when the server stopped counting at its limit. */
export function matchHeadline(match: AudioMatch): string {
  const files = match.count === 1 ? 'file matches' : 'files match';
  const count = match.truncated ? `At least ${match.count}` : String(match.count);
  return `${count} ${files} (${formatBytes(match.total_bytes)})`;
}

/** Live count of the audio files the chosen source matches, with a sample and any problems. */
export function AudioMatchSummary({ request }: { request: AudioMatchRequest | null }) {
  const match = useAudioMatch(request);
  const [expanded, setExpanded] = useState(false);

  if (!match.active) {
    return (
      <Typography variant="body2" color="text.secondary" data-testid="inference-match-count">
        Choose audio to see how many files match.
      </Typography>
    );
  }
  if (match.isError && !match.settling) {
    return (
      <Alert severity="error" data-testid="inference-match-count">
        {errorMessage(match.error)}
      </Alert>
    );
  }
  const data = match.data;
  if (!data) {
    return (
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <CircularProgress size={16} />
        <Typography variant="body2" color="text.secondary" data-testid="inference-match-count">
          Counting matching files…
        </Typography>
      </Stack>
    );
  }
  const busy = match.settling || match.isFetching;
  const examples = data.sample.slice(0, 3).map(baseName).join(', ');
  return (
    <Box sx={{ opacity: busy ? 0.6 : 1, transition: 'opacity 150ms' }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography
          variant="body2"
          color={data.count ? 'text.primary' : 'warning.main'}
          data-testid="inference-match-count"
        >
          {data.count ? matchHeadline(data) : 'No audio files match.'}
          {examples && ` — e.g. ${examples}`}
        </Typography>
        {data.sample.length > 0 && (
          <Button
            size="small"
            onClick={() => setExpanded((open) => !open)}
            endIcon={expanded ? <ExpandLessIcon /> : <ExpandMoreIcon />}
            data-testid="inference-match-sample-toggle"
          >
            {expanded ? 'Hide examples' : `Show ${data.sample.length} examples`}
          </Button>
        )}
      </Stack>
      <Collapse in={expanded} unmountOnExit>
        <Box
          component="ul"
          sx={{
            m: 0,
            pl: 3,
            fontFamily: fonts.mono,
            fontSize: `${fontSizes.xs}rem`,
            wordBreak: 'break-all',
          }}
          data-testid="inference-match-sample"
        >
          {data.sample.map((path) => (
            <li key={path}>{path}</li>
          ))}
        </Box>
      </Collapse>
      {data.problems.length > 0 && (
        <Alert severity="warning" sx={{ mt: 1 }} data-testid="inference-match-problems">
          <Box component="ul" sx={{ m: 0, pl: 2 }}>
            {data.problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </Box>
        </Alert>
      )}
    </Box>
  );
}
