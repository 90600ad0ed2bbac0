import LoginIcon from '@mui/icons-material/Login';
import LogoutIcon from '@mui/icons-material/Logout';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState, type FormEvent } from 'react';
import { errorMessage } from '@/api/errors';
import { DisabledReasonTooltip } from '@/components/DisabledReasonTooltip';
import { useWandbLogin, useWandbLogout, useWandbStatus } from '@/hooks/useWandb';

/**
 * Weights & Biases login: paste an API key (kept by the server in a private file, never shown
 * again), optionally a default entity; or log out. Inference tasks can then log their runs.
 */
export function WandbCard() {
  const status = useWandbStatus();
  const login = useWandbLogin();
  const logout = useWandbLogout();
  const [apiKey, setApiKey] = useState('');
  const [entity, setEntity] = useState('');
  const loggedIn = status.data?.logged_in ?? false;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate(
      { apiKey: apiKey.trim(), entity: entity.trim() || null },
      { onSuccess: () => setApiKey('') },
    );
  };

  return (
    <Paper sx={{ p: 2.5 }} data-testid="wandb-card">
      <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 1, mb: 1 }}>
        <Typography variant="h3" component="h2" sx={{ mr: 'auto' }}>
          Weights &amp; Biases
        </Typography>
        {status.data && (
          <Chip
            size="small"
            color={loggedIn ? 'success' : 'default'}
            label={loggedIn ? 'logged in' : 'not logged in'}
            data-testid="wandb-status"
          />
        )}
      </Box>
      {status.isError && <Alert severity="error">{errorMessage(status.error)}</Alert>}
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
        Inference tasks can log their progress, settings and top detections to a W&amp;B project.
        The key is stored on the Dipper server in a private file and only handed to those tasks.
      </Typography>
      {loggedIn ? (
        <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 2 }}>
          <Typography variant="body2" data-testid="wandb-entity">
            {status.data?.entity ? `Default entity: ${status.data.entity}` : 'Default entity'}
          </Typography>
          <Button
            variant="outlined"
            startIcon={<LogoutIcon />}
            disabled={logout.isPending}
            onClick={() => logout.mutate()}
            data-testid="wandb-logout"
          >
            Log out
          </Button>
        </Box>
      ) : (
        <Box
          component="form"
          onSubmit={submit}
          sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'flex-start', gap: 2 }}
        >
          <TextField
            size="small"
            type="password"
            label="API key"
            autoComplete="off"
            value={apiKey}
            onChange={(event) => setApiKey(event.target.value)}
            helperText={
              <>
                From{' '}
                <Link href="https://wandb.ai/authorize" target="_blank" rel="noopener noreferrer">
                  wandb.ai/authorize
                </Link>
              </>
            }
            sx={{ flex: '2 1 260px' }}
            slotProps={{ htmlInput: { 'data-testid': 'wandb-api-key' } }}
          />
          <TextField
            size="small"
            label="Entity (optional)"
            value={entity}
            onChange={(event) => setEntity(event.target.value)}
            helperText="Your user or team name; empty = your default."
            sx={{ flex: '1 1 180px' }}
            slotProps={{ htmlInput: { 'data-testid': 'wandb-entity-input' } }}
          />
          <DisabledReasonTooltip reason={apiKey.trim() ? null : 'Fill in: API key'}>
            <Button
              type="submit"
              variant="contained"
              startIcon={<LoginIcon />}
              disabled={!apiKey.trim() || login.isPending}
              data-testid="wandb-login"
            >
              Log in
            </Button>
          </DisabledReasonTooltip>
        </Box>
      )}
      {(login.isError || logout.isError) && (
        <Alert severity="error" sx={{ mt: 1 }} data-testid="wandb-error">
          {errorMessage(login.error ?? logout.error)}
        </Alert>
      )}
    </Paper>
  );
}
