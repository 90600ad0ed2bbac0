import { NotBuiltPage } from '@/components/NotBuiltPage';

/** Review tab (not built yet). */
export function ReviewPage() {
  return (
    <NotBuiltPage
      title="Review"
      purpose="Listen to clips with their spectrograms and label them quickly, in binary or multiclass mode, with keyboard shortcuts."
    />
  );
}
