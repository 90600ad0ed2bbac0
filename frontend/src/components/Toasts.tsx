import CloseIcon from '@mui/icons-material/Close';
import Box from '@mui/material/Box';
import IconButton from '@mui/material/IconButton';
import Paper from '@mui/material/Paper';
import { useTheme } from '@mui/material/styles';
import Typography from '@mui/material/Typography';
import { useEffect } from 'react';
import { useToasts, type Toast, type ToastTone } from '@/stores/toasts';
import { statusColor } from '@/theme/theme';
import { toastAutoHideMs } from '@/theme/tokens';

function useToneColor(tone: ToastTone): string {
  const theme = useTheme();
  if (tone === 'info') return theme.palette.info.main;
  if (tone === 'error') return theme.palette.error.main;
  return statusColor(tone, theme.palette.mode);
}

function ToastItem({ toast, onDismiss }: { toast: Toast; onDismiss: (id: number) => void }) {
  const color = useToneColor(toast.tone);
  useEffect(() => {
    if (!toast.autoHide) return;
    const timer = window.setTimeout(() => onDismiss(toast.id), toastAutoHideMs);
    return () => window.clearTimeout(timer);
  }, [toast, onDismiss]);
  return (
    <Paper
      role="status"
      data-testid="toast"
      data-tone={toast.tone}
      elevation={6}
      sx={{
        display: 'flex',
        alignItems: 'center',
        gap: 1,
        pl: 2,
        pr: 0.5,
        py: 0.5,
        borderLeft: `6px solid ${color}`,
        pointerEvents: 'auto',
      }}
    >
      <Typography variant="body2" sx={{ flex: 1, overflowWrap: 'anywhere' }}>
        {toast.message}
      </Typography>
      <IconButton size="small" aria-label="Dismiss" onClick={() => onDismiss(toast.id)}>
        <CloseIcon fontSize="small" />
      </IconButton>
    </Paper>
  );
}

/** The toast stack, bottom-right, above every tab. */
export function Toasts() {
  const { toasts, dismiss } = useToasts();
  return (
    <Box
      aria-live="polite"
      sx={{
        position: 'fixed',
        right: 16,
        bottom: 16,
        zIndex: (theme) => theme.zIndex.snackbar,
        display: 'flex',
        flexDirection: 'column',
        gap: 1,
        width: 'min(380px, calc(100vw - 32px))',
        pointerEvents: 'none',
      }}
    >
      {toasts.map((toast) => (
        <ToastItem key={toast.id} toast={toast} onDismiss={dismiss} />
      ))}
    </Box>
  );
}
