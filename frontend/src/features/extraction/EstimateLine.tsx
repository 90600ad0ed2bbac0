import Typography from '@mui/material/Typography';
import type { ClipEstimate } from './extraction-estimate';

/** The live "what you'll get" line under the form. */
export function EstimateLine({ estimate }: { estimate: ClipEstimate }) {
  return (
    <Typography variant="body2" data-testid="extraction-estimate" sx={{ fontWeight: 'medium' }}>
      What you’ll get: {estimate.text}.
    </Typography>
  );
}
