import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import Box from '@mui/material/Box';
import IconButton from '@mui/material/IconButton';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useToasts } from '@/stores/toasts';
import { monoFont } from '@/theme/theme';

/** The job folder path with "Copy path" ("Show job folder" among the actions opens it). */
export function TaskJobDir({ path }: { path: string }) {
  const { push } = useToasts();

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(path);
      push({ message: 'Job folder path copied', tone: 'info' });
    } catch {
      push({ message: `Could not copy; the path is ${path}`, tone: 'error' });
    }
  };

  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.5, minWidth: 0 }}>
      <Typography variant="body2" color="text.secondary" sx={{ flexShrink: 0 }}>
        Job folder:
      </Typography>
      <Typography
        variant="body2"
        data-testid="task-job-dir"
        sx={{ fontFamily: monoFont, fontSize: '0.8rem', overflowWrap: 'anywhere', minWidth: 0 }}
      >
        {path}
      </Typography>
      <Tooltip title="Copy path">
        <IconButton size="small" aria-label="Copy path" onClick={() => void copy()}>
          <ContentCopyIcon fontSize="small" />
        </IconButton>
      </Tooltip>
    </Box>
  );
}
