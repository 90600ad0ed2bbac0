import Box from '@mui/material/Box';
import { useTheme } from '@mui/material/styles';
import {
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type ReactElement,
  type ReactNode,
} from 'react';
import { navColors } from '@/theme/theme';
import { layout } from '@/theme/tokens';
import { ErrorBoundary } from './ErrorBoundary';
import { NavBar } from './NavBar';
import { TaskIndicator } from './TaskIndicator';
import { Toasts } from './Toasts';

export interface ShellTab {
  id: string;
  label: string;
  icon: ReactElement;
  page: () => ReactNode;
}

/**
 * The app frame: narrow icon navigation on the left (with the task indicator), the current page on
 * the right, toasts above everything. Pages stay mounted once visited so forms keep their contents.
 */
export function AppShell({
  tabs,
  current,
  onNavigate,
  tasksTabId = 'tasks',
}: {
  tabs: ShellTab[];
  current: string;
  onNavigate: (id: string) => void;
  tasksTabId?: string;
}) {
  const theme = useTheme();
  const colors = navColors(theme.palette.mode);
  const [visited, setVisited] = useState<ReadonlySet<string>>(() => new Set([current]));
  if (!visited.has(current)) setVisited(new Set([...visited, current]));
  useTabScrollMemory(current);

  return (
    <Box sx={{ display: 'flex', minHeight: '100vh' }}>
      <Box
        sx={{
          width: layout.navWidthPx,
          flexShrink: 0,
          bgcolor: colors.background,
          display: 'flex',
          flexDirection: 'column',
          alignItems: 'center',
          justifyContent: 'space-between',
          py: 1.5,
          position: 'sticky',
          top: 0,
          height: '100vh',
        }}
      >
        <NavBar items={tabs} current={current} onNavigate={onNavigate} />
        <ErrorBoundary area="Task indicator">
          <TaskIndicator onOpenTasks={() => onNavigate(tasksTabId)} />
        </ErrorBoundary>
      </Box>
      <Box component="main" sx={{ flex: 1, minWidth: 0, p: { xs: 2, md: 3 } }}>
        <Box sx={{ maxWidth: layout.contentMaxWidthPx, mx: 'auto' }}>
          {tabs
            .filter((tab) => visited.has(tab.id))
            .map((tab) => (
              <Box key={tab.id} hidden={tab.id !== current} data-page={tab.id}>
                <ErrorBoundary area={tab.label}>{tab.page()}</ErrorBoundary>
              </Box>
            ))}
        </Box>
      </Box>
      <Toasts />
    </Box>
  );
}

/**
 * Each tab keeps its own scroll position: pages share the window's scroll, so a tab change would
 * otherwise land mid-page. The position is recorded on every scroll and restored (top for a tab
 * not seen yet) when the tab shows again.
 */
function useTabScrollMemory(current: string): void {
  const positions = useRef(new Map<string, number>());
  const shown = useRef(current);
  useEffect(() => {
    const record = () => positions.current.set(shown.current, window.scrollY);
    window.addEventListener('scroll', record, { passive: true });
    return () => window.removeEventListener('scroll', record);
  }, []);
  useLayoutEffect(() => {
    if (shown.current === current) return;
    shown.current = current;
    window.scrollTo(0, positions.current.get(current) ?? 0);
  }, [current]);
}
