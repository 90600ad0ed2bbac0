import { useEffect } from 'react';
import { useApi } from '@/api/ApiProvider';
import { PathPromptDialog } from '@/components/PathPromptDialog';
import type { AutoSave } from './useAutoSave';

const csvFilters = [{ name: 'Annotation task (CSV)', extensions: ['csv'] }];

/**
 * Asks where labels are saved: the native save dialog in Electron, a server path prompt in a browser.
 * @param save - Auto-save state (`askPath` opens it).
 * @param suggestedPath - Offered path (the loaded file).
 */
export function SaveAsPrompt({ save, suggestedPath }: { save: AutoSave; suggestedPath: string }) {
  const api = useApi();
  const { askPath, saveAs, cancelSaveAs } = save;

  useEffect(() => {
    if (!askPath || !api.dialogs) return;
    let live = true;
    void api.dialogs
      .saveFile({ title: 'Save labels as', defaultPath: suggestedPath, filters: csvFilters })
      .then((path) => {
        if (!live) return;
        // The native dialog already asked before replacing an existing file.
        if (path) void saveAs(path, true);
        else cancelSaveAs();
      });
    return () => {
      live = false;
    };
  }, [askPath, api.dialogs, suggestedPath, saveAs, cancelSaveAs]);

  if (api.dialogs) return null;
  return (
    <PathPromptDialog
      open={askPath}
      title="Save labels as"
      description="Labels are written to this CSV (all columns of the task, with your annotations and comments) and auto-saved there from now on. Choosing the task file itself saves in place."
      confirmLabel="Save"
      initialPath={suggestedPath}
      browseMode="folder"
      onConfirm={(path) => void saveAs(path)}
      onClose={cancelSaveAs}
    />
  );
}
