import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import { monoFont } from '@/theme/theme';

/** What a card shows when its audio file is not where the task says: the path tried and the fix. */
export function MissingAudioNotice({ path, heightPx }: { path: string; heightPx: number }) {
  return (
    <Alert
      severity="warning"
      data-testid="missing-audio"
      sx={{ minHeight: heightPx, borderRadius: 0, overflow: 'auto', alignItems: 'flex-start' }}
    >
      Audio file not found:{' '}
      <Box component="span" sx={{ fontFamily: monoFont, wordBreak: 'break-all' }}>
        {path}
      </Box>
      . If the task's file paths are relative, set “Root audio folder” to the folder they start
      from; for absolute paths, clear it.
    </Alert>
  );
}
