import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { PageHeader } from '@/components/PageHeader';
import { useRoute } from '@/stores/route';
import { useToasts } from '@/stores/toasts';
import { ClipGrid } from './ClipGrid';
import { FocusView } from './FocusView';
import { OpenTaskForm } from './OpenTaskForm';
import { ReviewSettingsPanel } from './ReviewSettingsPanel';
import { ReviewToolbar } from './ReviewToolbar';
import { SaveAsPrompt } from './SaveAsPrompt';
import { SaveConflictDialog } from './SaveConflictDialog';
import { isMacPlatform } from './shortcuts';
import { useAutoSave } from './useAutoSave';
import { useMediaUrls } from './useMediaUrls';
import { useOpenTask } from './useOpenTask';
import { useReviewActions } from './useReviewActions';
import { useReviewNavigation } from './useReviewNavigation';
import { useReviewSession } from './useReviewSession';
import { useReviewSettings } from './useReviewSettings';
import { useReviewShortcuts } from './useReviewShortcuts';

/** Review tab: open an annotation task, listen to clips and label them in a grid or one at a time. */
export function ReviewPage() {
  const { tab } = useRoute();
  const { push } = useToasts();
  const { settings, update } = useReviewSettings();
  const session = useReviewSession();
  const save = useAutoSave(session, settings.auto_save);
  const [showOpen, setShowOpen] = useState(false);
  const showOpenForm = useCallback(() => setShowOpen(true), []);
  const opener = useOpenTask(session.open, showOpenForm);
  const [showSettings, setShowSettings] = useState(false);
  const media = useMediaUrls(settings);
  const opened = session.opened;
  const task = opened?.task ?? null;

  const groups = useMemo(() => (task ? task.rows.map((row) => row.group) : []), [task]);
  const flush = save.flush;
  const onMove = useMemo(() => () => void flush(), [flush]);
  const navigation = useReviewNavigation(
    groups,
    session.labels,
    settings.rows * settings.columns,
    settings.columns,
    onMove,
  );
  const run = useReviewActions(session, navigation, settings, update, media);
  useReviewShortcuts(
    settings.shortcuts_enabled && tab === 'review' && task !== null,
    navigation.view,
    run,
  );

  // Mode and class list edits apply to the open task at once.
  const { mode: formMode, classes: formClasses } = opener.form;
  const { setMode } = session;
  useEffect(() => {
    if (!task) return;
    setMode(
      formMode === 'auto' ? task.mode_guess : formMode,
      formClasses.length ? formClasses : task.classes_guess,
    );
  }, [task, formMode, formClasses, setMode]);

  // Leaving the tab saves now; without a save location, say that labels are not saved yet.
  const wasHere = useRef(tab === 'review');
  useEffect(() => {
    const here = tab === 'review';
    if (wasHere.current && !here && save.dirty) {
      if (save.target) void flush();
      else
        push({
          message:
            'Review: your labels are not saved yet. Open the Review tab and choose Save as….',
          tone: 'error',
          autoHide: false,
        });
    }
    wasHere.current = here;
  }, [tab, save.dirty, save.target, flush, push]);

  const scoreColumn = task?.score_columns[0] ?? null;
  const mod = isMacPlatform() ? 'Cmd' : 'Ctrl';
  const views = { session, navigation, settings, media, scoreColumn };

  return (
    <Box>
      <PageHeader title="Review" />
      {(!task || showOpen) && (
        <OpenTaskForm
          form={opener.form}
          onChange={opener.update}
          onLoad={() => {
            opener.load();
            setShowOpen(false);
          }}
          loading={opener.loading}
          error={opener.error}
          opened={task !== null}
        />
      )}
      {task && (
        <>
          <ReviewToolbar
            session={session}
            navigation={navigation}
            save={save}
            mod={mod}
            onToggleOpen={() => setShowOpen((open) => !open)}
            onToggleSettings={() => setShowSettings((open) => !open)}
          />
          <Typography
            variant="body2"
            color="text.secondary"
            sx={{ mb: 1 }}
            data-testid="review-summary"
          >
            {task.rows.length} clips from {task.path}
            {task.dropped_below_threshold > 0 &&
              ` (${task.dropped_below_threshold} below the score threshold left out)`}
            {' · '}
            {opened?.mode === 'multiclass' ? 'multiclass' : 'binary'} mode
          </Typography>
          {navigation.order.length === 0 ? (
            <Typography data-testid="review-empty">
              {navigation.guided ? 'Every group is verified.' : 'This task has no clips.'}
            </Typography>
          ) : navigation.view === 'grid' ? (
            <ClipGrid {...views} />
          ) : (
            <FocusView {...views} />
          )}
          <SaveAsPrompt save={save} suggestedPath={save.target?.path ?? task.path} />
          <SaveConflictDialog
            message={save.conflict}
            path={save.target?.path ?? null}
            onReload={() => {
              const path = save.target?.path ?? task.path;
              save.dismissConflict();
              opener.load(path);
            }}
            onSaveAs={() => {
              save.dismissConflict();
              save.requestSaveAs();
            }}
            onOverwrite={
              save.conflictExisting && save.target
                ? () => {
                    const path = save.target?.path;
                    save.dismissConflict();
                    if (path) void save.saveAs(path, true);
                  }
                : undefined
            }
            onClose={save.dismissConflict}
          />
        </>
      )}
      {showSettings && (
        <ReviewSettingsPanel
          settings={settings}
          onChange={update}
          onClose={() => setShowSettings(false)}
        />
      )}
    </Box>
  );
}
