import { NotBuiltPage } from '@/components/NotBuiltPage';

/** Training tab (not built yet). */
export function TrainingPage() {
  return (
    <NotBuiltPage
      title="Training"
      purpose="Train and fine-tune classifiers on your reviewed labels, as tasks you can follow in the Tasks tab."
    />
  );
}
