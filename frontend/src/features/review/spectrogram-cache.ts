/**
 * Spectrogram images fetched once and kept as object URLs (bounded, oldest dropped first). Fetching
 * (rather than a bare <img src>) lets the page wait until a whole page of images is ready before
 * showing it, prefetch the next page, and read `X-Dipper-Max-Hz` to place the reference line.
 */

export interface SpectrogramImage {
  /** What an <img> shows (an object URL, or the URL itself where blobs are unavailable). */
  src: string;
  /** Top of the frequency axis in Hz, from the server; null when not reported. */
  maxHz: number | null;
}

/** Images kept; one grid page of 8×10 plus its neighbours fits. */
export const MAX_CACHED_IMAGES = 240;

const cache = new Map<string, Promise<SpectrogramImage>>();
const ready = new Map<string, SpectrogramImage>();

function evict(): void {
  while (cache.size > MAX_CACHED_IMAGES) {
    const oldest = cache.keys().next().value as string;
    cache.delete(oldest);
    const image = ready.get(oldest);
    ready.delete(oldest);
    if (image && image.src.startsWith('blob:')) URL.revokeObjectURL(image.src);
  }
}

async function fetchImage(url: string): Promise<SpectrogramImage> {
  const response = await fetch(url);
  if (!response.ok) {
    let message = `The spectrogram could not be made (status ${response.status}).`;
    try {
      const body = (await response.json()) as { error?: { message?: string } };
      if (body.error?.message) message = body.error.message;
    } catch {
      // Not JSON: keep the status message.
    }
    throw new Error(message);
  }
  const maxHeader = Number(response.headers.get('X-Dipper-Max-Hz'));
  const maxHz = Number.isFinite(maxHeader) && maxHeader > 0 ? maxHeader : null;
  const blob = await response.blob();
  const src = typeof URL.createObjectURL === 'function' ? URL.createObjectURL(blob) : url;
  return { src, maxHz };
}

/**
 * The image for a spectrogram URL, fetched at most once while cached.
 * @param url - From `api.media.spectrogramUrl`.
 */
export function loadSpectrogram(url: string): Promise<SpectrogramImage> {
  const known = cache.get(url);
  if (known) {
    cache.delete(url);
    cache.set(url, known);
    return known;
  }
  const promise = fetchImage(url).then(
    (image) => {
      ready.set(url, image);
      return image;
    },
    (error: unknown) => {
      cache.delete(url);
      throw error;
    },
  );
  cache.set(url, promise);
  evict();
  return promise;
}

/** The image when it is already loaded, else null (lets a card render without flashing). */
export function readySpectrogram(url: string): SpectrogramImage | null {
  return ready.get(url) ?? null;
}

/**
 * Resolve when every image has loaded or failed, or after `timeoutMs` (never blocks paging forever).
 * @param urls - Spectrogram URLs of a page.
 * @param timeoutMs - Longest wait in ms.
 */
export function preloadSpectrograms(urls: string[], timeoutMs = 4000): Promise<void> {
  const all = Promise.allSettled(urls.map(loadSpectrogram)).then(() => undefined);
  const timeout = new Promise<void>((resolve) => window.setTimeout(resolve, timeoutMs));
  return Promise.race([all, timeout]);
}

/** Forget everything (tests). */
export function clearSpectrogramCache(): void {
  for (const image of ready.values()) {
    if (image.src.startsWith('blob:')) URL.revokeObjectURL(image.src);
  }
  cache.clear();
  ready.clear();
}
