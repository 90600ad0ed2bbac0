import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import FormControlLabel from '@mui/material/FormControlLabel';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import type { StrategyKind } from '@/api/extraction-schemas';
import { NumberField } from '@/components/NumberField';
import { STRATEGY_LABELS } from './extraction-config';
import type { ExtractionFormDispatch, ExtractionFormValues } from './extraction-form';
import { STRATEGY_HELP } from './strategy-help';

interface Props {
  kind: StrategyKind;
  values: ExtractionFormValues;
  missing: string[];
  dispatch: ExtractionFormDispatch;
  /** A chip next to the name (e.g. "Recommended"). */
  badge?: string;
  /** The strategy's own fields, under N. */
  children?: ReactNode;
}

/**
 * One strategy: a checkbox with its name, what it draws, N (per stratum; per bin for score bins)
 * and its own fields. Fields stay editable-looking but disabled while the card is off.
 */
export function StrategyCard({ kind, values, missing, dispatch, badge, children }: Props) {
  const draft = values.strategies[kind];
  const nInvalid = draft.enabled && missing.includes(`${STRATEGY_LABELS[kind]}: N`);
  return (
    <Card
      data-testid={`extraction-strategy-${kind}`}
      sx={{ p: 1.5, opacity: draft.enabled ? 1 : 0.75 }}
    >
      <Box sx={{ display: 'flex', alignItems: 'center', flexWrap: 'wrap', gap: 1 }}>
        <FormControlLabel
          label={STRATEGY_LABELS[kind]}
          control={
            <Checkbox
              checked={draft.enabled}
              onChange={(event) =>
                dispatch({ type: 'setStrategy', kind, values: { enabled: event.target.checked } })
              }
              slotProps={{ input: { 'data-testid': `extraction-strategy-${kind}-on` } as object }}
            />
          }
        />
        {badge && <Chip size="small" color="primary" variant="outlined" label={badge} />}
      </Box>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
        {STRATEGY_HELP[kind]}
      </Typography>
      <Stack spacing={1.5}>
        <NumberField
          label={kind === 'score_bins' ? 'N per bin' : 'N per stratum'}
          value={draft.n}
          disabled={!draft.enabled}
          error={nInvalid}
          helperText={nInvalid ? 'A whole number above 0' : undefined}
          onChange={(n) => dispatch({ type: 'setStrategy', kind, values: { n: n ?? Number.NaN } })}
          testId={`extraction-strategy-${kind}-n`}
        />
        {children}
      </Stack>
    </Card>
  );
}

/** Strategy cards side by side, as many per row as fit. */
export function StrategyGrid({ children }: { children: ReactNode }) {
  return (
    <Box
      sx={{
        display: 'grid',
        gap: 1.5,
        gridTemplateColumns: 'repeat(auto-fill, minmax(280px, 1fr))',
      }}
    >
      {children}
    </Box>
  );
}
