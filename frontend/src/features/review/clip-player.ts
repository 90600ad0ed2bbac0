/**
 * One audio player for the whole Review tab: an HTMLAudioElement playing `/api/audio` slices, routed
 * through a WebAudio high-pass + low-pass pair when the playback bandpass is on. Only one clip plays
 * at a time; cards subscribe to learn whether they are playing and where the playhead is.
 */

export interface PlaybackFilter {
  enabled: boolean;
  lowHz: number;
  highHz: number;
}

export interface PlayerState {
  /** Key of the clip loaded in the player (its audio URL), or null. */
  key: string | null;
  playing: boolean;
  /** Playhead position 0..1 of the clip. */
  fraction: number;
}

type Listener = () => void;

interface FilterGraph {
  context: AudioContext;
  highpass: BiquadFilterNode;
  lowpass: BiquadFilterNode;
}

class ClipPlayer {
  private audio: HTMLAudioElement | null = null;
  private graph: FilterGraph | null = null;
  private listeners = new Set<Listener>();
  private state: PlayerState = { key: null, playing: false, fraction: 0 };

  snapshot = (): PlayerState => this.state;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(next: Partial<PlayerState>): void {
    this.state = { ...this.state, ...next };
    for (const listener of this.listeners) listener();
  }

  private element(): HTMLAudioElement {
    if (this.audio) return this.audio;
    const audio = new Audio();
    audio.preload = 'auto';
    audio.addEventListener('ended', () => this.set({ playing: false, fraction: 1 }));
    audio.addEventListener('pause', () => this.set({ playing: false }));
    audio.addEventListener('play', () => {
      this.set({ playing: true });
      this.tick();
    });
    this.audio = audio;
    return audio;
  }

  private tick = (): void => {
    const audio = this.audio;
    if (!audio || audio.paused) return;
    const duration = audio.duration;
    if (Number.isFinite(duration) && duration > 0) {
      this.set({ fraction: Math.min(1, audio.currentTime / duration) });
    }
    window.requestAnimationFrame(this.tick);
  };

  private applyFilter(filter: PlaybackFilter): void {
    if (!filter.enabled && !this.graph) return;
    if (!this.graph) {
      const Context = window.AudioContext;
      if (!Context) return;
      const context = new Context();
      const source = context.createMediaElementSource(this.element());
      const highpass = context.createBiquadFilter();
      highpass.type = 'highpass';
      const lowpass = context.createBiquadFilter();
      lowpass.type = 'lowpass';
      source.connect(highpass).connect(lowpass).connect(context.destination);
      this.graph = { context, highpass, lowpass };
    }
    const { context, highpass, lowpass } = this.graph;
    const nyquist = context.sampleRate / 2;
    highpass.frequency.value = filter.enabled ? Math.max(1, filter.lowHz) : 1;
    lowpass.frequency.value = filter.enabled ? Math.min(nyquist, filter.highHz) : nyquist;
    if (context.state === 'suspended') void context.resume();
  }

  /**
   * Play a clip from a fraction of its length (0 = start).
   * @param key - The clip's audio URL.
   * @param fromFraction - Where to start, 0..1; null continues from the current position.
   * @param filter - Playback bandpass.
   */
  play(key: string, fromFraction: number | null, filter: PlaybackFilter): void {
    const audio = this.element();
    if (this.state.key !== key) {
      audio.src = key;
      this.set({ key, fraction: 0 });
    }
    this.applyFilter(filter);
    const seek = () => {
      if (fromFraction === null) return;
      if (Number.isFinite(audio.duration) && audio.duration > 0) {
        audio.currentTime = fromFraction * audio.duration;
      } else if (fromFraction === 0) {
        audio.currentTime = 0;
      }
    };
    if (audio.readyState >= 1) seek();
    else audio.addEventListener('loadedmetadata', seek, { once: true });
    if (this.state.fraction >= 1 && fromFraction === null) audio.currentTime = 0;
    try {
      const started = audio.play();
      if (started) started.catch(() => this.set({ playing: false }));
    } catch {
      this.set({ playing: false });
    }
  }

  pause(): void {
    this.audio?.pause();
  }

  /** Play or pause a clip. */
  toggle(key: string, filter: PlaybackFilter): void {
    if (this.state.key === key && this.state.playing) this.pause();
    else this.play(key, null, filter);
  }
}

/** The Review tab's player. */
export const clipPlayer = new ClipPlayer();
