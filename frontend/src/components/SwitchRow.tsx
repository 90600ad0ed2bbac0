import Box from '@mui/material/Box';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import type { ReactNode } from 'react';

/** An on/off option with a help line under it and, when on, its own fields beside it. */
export function SwitchRow({
  label,
  help,
  checked,
  onChange,
  testId,
  disabled,
  children,
}: {
  label: string;
  help: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  testId: string;
  disabled?: boolean;
  children?: ReactNode;
}) {
  return (
    <Stack
      direction="row"
      spacing={2}
      sx={{ alignItems: 'flex-start', flexWrap: 'wrap', rowGap: 1 }}
    >
      <Box sx={{ minWidth: 260, flex: '1 1 260px' }}>
        <FormControlLabel
          control={
            <Switch
              checked={checked}
              disabled={disabled}
              onChange={(event) => onChange(event.target.checked)}
              slotProps={{ input: { 'data-testid': testId } as object }}
            />
          }
          label={label}
        />
        <FormHelperText sx={{ mt: 0, ml: 6 }}>{help}</FormHelperText>
      </Box>
      {children}
    </Stack>
  );
}
