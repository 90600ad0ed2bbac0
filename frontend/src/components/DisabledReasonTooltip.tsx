import Box from '@mui/material/Box';
import Tooltip from '@mui/material/Tooltip';
import type { ReactElement } from 'react';

/**
 * Wraps a possibly-disabled control; when `reason` is set, hovering explains why it is disabled.
 * Disabled buttons fire no events, so the tooltip listens on a wrapper, which is always rendered so
 * the control keeps its DOM node when the reason goes away.
 */
export function DisabledReasonTooltip({
  reason,
  children,
}: {
  reason: string | null;
  children: ReactElement;
}) {
  return (
    <Tooltip title={reason ?? ''}>
      <Box
        component="span"
        sx={{ display: 'inline-flex' }}
        data-disabled-reason={reason ?? undefined}
      >
        {children}
      </Box>
    </Tooltip>
  );
}

/**
 * Plain-words reason from a list of missing required fields.
 * @param missing - Labels of the fields still empty.
 * @returns e.g. "Fill in: Audio folder, Output folder", or null when nothing is missing.
 */
export function missingFieldsReason(missing: string[]): string | null {
  return missing.length ? `Fill in: ${missing.join(', ')}` : null;
}
