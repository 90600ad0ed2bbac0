import { AppShell } from '@/components/AppShell';
import { useTaskTransitionToasts } from '@/hooks/useTaskTransitionToasts';
import { useRoute, type TabId } from '@/stores/route';
import { tabs } from './tabs';

/** The app: shell, hash-routed tabs, and task-transition toasts on every tab. */
export function App() {
  const { tab, navigate } = useRoute();
  useTaskTransitionToasts();
  return <AppShell tabs={tabs} current={tab} onNavigate={(id) => navigate(id as TabId)} />;
}
