/**
 * A Vite plugin that writes gzip and Brotli copies (`x.js.gz`, `x.js.br`) next to each built
 * asset, so the lightweight server (aiohttp's FileResponse picks them by `Accept-Encoding`) sends
 * the 1.2 MB bundle as ~300 kB to a browser on the other end of an SSH tunnel. Electron, loading
 * from disk, ignores them.
 */
import { readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/** Assets worth compressing: text formats above 1 kB. */
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|map)$/;
const MIN_BYTES = 1024;

/** Write `data` to `path` through a temporary file and a rename (no half-written file). */
function writeAtomic(path: string, data: Buffer): void {
  const temporary = `${path}.tmp-${process.pid}`;
  writeFileSync(temporary, data);
  renameSync(temporary, path);
}

/** Gzip (level 9) and Brotli (quality 11) copies of every compressible file in `folder`. */
export function precompressFolder(folder: string): {
  files: number;
  bytes: number;
  gzipBytes: number;
} {
  let files = 0;
  let bytes = 0;
  let gzipBytes = 0;
  for (const name of readdirSync(folder)) {
    if (!COMPRESSIBLE.test(name)) continue;
    const path = join(folder, name);
    const data = readFileSync(path);
    if (data.length < MIN_BYTES) continue;
    const gzip = gzipSync(data, { level: 9 });
    writeAtomic(`${path}.gz`, gzip);
    writeAtomic(
      `${path}.br`,
      brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
    );
    files += 1;
    bytes += data.length;
    gzipBytes += gzip.length;
  }
  return { files, bytes, gzipBytes };
}

/** The plugin: runs once the bundle is written, on `<outDir>/assets`. */
export function precompress(): Plugin {
  let assets = '';
  return {
    name: 'dipper-precompress',
    apply: 'build',
    configResolved(config) {
      assets = join(config.root, config.build.outDir, config.build.assetsDir);
    },
    closeBundle() {
      const { files, bytes, gzipBytes } = precompressFolder(assets);
      const kB = (n: number) => `${Math.round(n / 1024)} kB`;
      this.info?.(`precompressed ${files} assets: ${kB(bytes)} → ${kB(gzipBytes)} gzip`);
    },
  };
}
