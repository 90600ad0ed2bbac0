/** The seven tabs of the navigation bar, in order, with their icons and pages. */
import ExploreIcon from '@mui/icons-material/TravelExploreOutlined';
import ExtractionIcon from '@mui/icons-material/ContentCutOutlined';
import InferenceIcon from '@mui/icons-material/GraphicEqOutlined';
import ReviewIcon from '@mui/icons-material/HeadphonesOutlined';
import SettingsIcon from '@mui/icons-material/SettingsOutlined';
import TasksIcon from '@mui/icons-material/ChecklistOutlined';
import TrainingIcon from '@mui/icons-material/ModelTrainingOutlined';
import type { ShellTab } from '@/components/AppShell';
import { ExplorePage } from '@/features/explore/ExplorePage';
import { ExtractionPage } from '@/features/extraction/ExtractionPage';
import { InferencePage } from '@/features/inference/InferencePage';
import { ReviewPage } from '@/features/review/ReviewPage';
import { SettingsPage } from '@/features/settings/SettingsPage';
import { TasksPage } from '@/features/tasks/TasksPage';
import { TrainingPage } from '@/features/training/TrainingPage';
import type { TabId } from '@/stores/route';

export const tabs: (ShellTab & { id: TabId })[] = [
  { id: 'inference', label: 'Inference', icon: <InferenceIcon />, page: () => <InferencePage /> },
  { id: 'training', label: 'Training', icon: <TrainingIcon />, page: () => <TrainingPage /> },
  {
    id: 'extraction',
    label: 'Extraction',
    icon: <ExtractionIcon />,
    page: () => <ExtractionPage />,
  },
  { id: 'review', label: 'Review', icon: <ReviewIcon />, page: () => <ReviewPage /> },
  { id: 'explore', label: 'Explore', icon: <ExploreIcon />, page: () => <ExplorePage /> },
  { id: 'tasks', label: 'Tasks', icon: <TasksIcon />, page: () => <TasksPage /> },
  { id: 'settings', label: 'Settings', icon: <SettingsIcon />, page: () => <SettingsPage /> },
];
