import ConstructionIcon from '@mui/icons-material/Construction';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { PageHeader } from './PageHeader';

/** Placeholder for a tab that a later release will fill. */
export function NotBuiltPage({ title, purpose }: { title: string; purpose: string }) {
  return (
    <>
      <PageHeader title={title} />
      <Paper variant="outlined" sx={{ p: 3, display: 'flex', gap: 2, alignItems: 'flex-start' }}>
        <ConstructionIcon color="secondary" />
        <div>
          <Typography variant="h3" gutterBottom data-testid="not-built">
            Not built yet — coming in a later release
          </Typography>
          <Typography color="text.secondary">{purpose}</Typography>
        </div>
      </Paper>
    </>
  );
}
