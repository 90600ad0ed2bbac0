import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompress } from './vite-precompress';

/** Vite build for the renderer: relative assets so the same bundle works from file:// and from the server. */
export default defineConfig({
  base: './',
  plugins: [react(), precompress()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // A desktop app loaded from disk, or from the server precompressed (~300 kB gzip): one bundle.
    chunkSizeWarningLimit: 1536,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8765' },
  },
});
