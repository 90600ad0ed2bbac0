import FileOpenIcon from '@mui/icons-material/FileOpenOutlined';
import SaveIcon from '@mui/icons-material/SaveOutlined';
import Button from '@mui/material/Button';
import { useState } from 'react';
import type { ConfigFileActions } from '@/hooks/useConfigFile';
import { PathPromptDialog } from './PathPromptDialog';

/**
 * "Save config as…" and "Open config…" for a form: native dialogs in Electron, a path prompt (with
 * the server file browser) in a browser.
 * @param file - From `useConfigFile`.
 * @param testIdPrefix - e.g. `inference` → `inference-save-config`, `inference-open-config`.
 */
export function ConfigFileButtons({
  file,
  testIdPrefix,
}: {
  file: ConfigFileActions;
  testIdPrefix: string;
}) {
  const [prompt, setPrompt] = useState<'save' | 'open' | null>(null);
  return (
    <>
      <Button
        startIcon={<SaveIcon />}
        onClick={() => (file.native ? void file.saveNative() : setPrompt('save'))}
        data-testid={`${testIdPrefix}-save-config`}
      >
        Save config as…
      </Button>
      <Button
        startIcon={<FileOpenIcon />}
        onClick={() => (file.native ? void file.openNative() : setPrompt('open'))}
        data-testid={`${testIdPrefix}-open-config`}
      >
        Open config…
      </Button>
      <PathPromptDialog
        open={prompt !== null}
        title={prompt === 'save' ? 'Save config as' : 'Open config'}
        description={
          prompt === 'save'
            ? 'Path of the JSON file to write on the server machine.'
            : 'Path of a config JSON file on the server machine.'
        }
        confirmLabel={prompt === 'save' ? 'Save' : 'Open'}
        initialPath={prompt === 'save' ? file.suggestedPath : ''}
        browseMode={prompt === 'save' ? 'folder' : 'file'}
        onClose={() => setPrompt(null)}
        onConfirm={(path) => {
          if (prompt === 'save') file.saveTo(path);
          else file.openFrom(path);
          setPrompt(null);
        }}
      />
    </>
  );
}
