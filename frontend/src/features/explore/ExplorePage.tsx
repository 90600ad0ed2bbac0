import { NotBuiltPage } from '@/components/NotBuiltPage';

/** Explore tab (not built yet). */
export function ExplorePage() {
  return (
    <NotBuiltPage
      title="Explore"
      purpose="Browse detections and embeddings, search for similar sounds and look at scores over time and across sites."
    />
  );
}
