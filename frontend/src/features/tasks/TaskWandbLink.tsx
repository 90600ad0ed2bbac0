import OpenInNewIcon from '@mui/icons-material/OpenInNew';
import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import type { WandbRunLink } from '@/api/wandb-schemas';
import { monoFont } from '@/theme/theme';

/**
 * The job's Weights & Biases run: a link when it was logged online; offline, the local run folder
 * and how to upload it. Renders nothing when the job did not log to W&B.
 */
export function TaskWandbLink({ link }: { link: WandbRunLink | null }) {
  if (!link || (!link.url && !link.run_dir)) return null;
  if (link.url) {
    return (
      <Link
        href={link.url}
        target="_blank"
        rel="noopener noreferrer"
        variant="body2"
        data-testid="task-wandb-link"
        sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5, alignSelf: 'flex-start' }}
      >
        Open the Weights &amp; Biases run <OpenInNewIcon fontSize="inherit" />
      </Link>
    );
  }
  return (
    <Box data-testid="task-wandb-offline">
      <Typography variant="body2" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>
        W&amp;B run logged offline; upload it with{' '}
        <span style={{ fontFamily: monoFont }}>
          wandb sync <span data-testid="task-wandb-run-dir">{link.run_dir}</span>
        </span>
      </Typography>
    </Box>
  );
}
