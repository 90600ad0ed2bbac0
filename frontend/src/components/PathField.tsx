import FolderOpenIcon from '@mui/icons-material/FolderOpen';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { useApi } from '@/api/ApiProvider';
import type { FileFilter } from '@/api/dialogs';
import { FileBrowserDialog } from './FileBrowserDialog';

export interface PathFieldProps {
  label: string;
  value: string;
  onChange: (path: string) => void;
  /** Pick a folder (default) or a file. */
  mode?: 'folder' | 'file';
  required?: boolean;
  helperText?: string;
  /** data-testid placed on the <input> itself. */
  testId?: string;
  filters?: FileFilter[];
  /** Receives a path chosen with Browse (defaults to onChange). */
  onBrowsed?: (path: string) => void;
}

/**
 * A path text field with a Browse button: native dialog in Electron, the server file browser otherwise.
 */
export function PathField({
  label,
  value,
  onChange,
  mode = 'folder',
  required,
  helperText,
  testId,
  filters,
  onBrowsed,
}: PathFieldProps) {
  const api = useApi();
  const [browsing, setBrowsing] = useState(false);
  const chose = onBrowsed ?? onChange;

  const browse = async () => {
    if (!api.dialogs) {
      setBrowsing(true);
      return;
    }
    const options = { title: label, defaultPath: value || undefined, filters };
    const chosen =
      mode === 'folder'
        ? await api.dialogs.openFolder(options)
        : await api.dialogs.openFile(options);
    if (chosen) chose(chosen);
  };

  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
      <TextField
        fullWidth
        size="small"
        label={label}
        value={value}
        required={required}
        helperText={helperText}
        onChange={(event) => onChange(event.target.value)}
        slotProps={{ htmlInput: { 'data-testid': testId, spellCheck: false } }}
      />
      <Button
        variant="outlined"
        startIcon={<FolderOpenIcon />}
        onClick={() => void browse()}
        sx={{ flexShrink: 0, height: 40 }}
        aria-label={`Browse for ${label}`}
      >
        Browse
      </Button>
      <FileBrowserDialog
        open={browsing}
        mode={mode}
        title={label}
        initialPath={value || null}
        onClose={() => setBrowsing(false)}
        onSelect={(path) => {
          setBrowsing(false);
          chose(path);
        }}
      />
    </Stack>
  );
}
