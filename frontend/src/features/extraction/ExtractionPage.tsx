import { NotBuiltPage } from '@/components/NotBuiltPage';

/** Extraction tab (not built yet). */
export function ExtractionPage() {
  return (
    <NotBuiltPage
      title="Extraction"
      purpose="Turn inference scores into annotation tasks: pick classes, thresholds, strata and sampling strategies, and optionally export audio clips."
    />
  );
}
