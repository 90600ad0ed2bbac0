// Load a compiled module with `require('electron')` answered by a stub object.
//
// The real `electron` package throws on require here because its binary cannot be
// downloaded in CI, so modules that import it at load time (preload.js, main.js) are
// loaded through this helper. Everything else takes Electron by dependency injection.
import Module from 'node:module';
import { requireDist } from './paths.mjs';

/** Require `electron/dist/<file>` afresh, with `stub` standing in for `electron`. */
export function requireWithElectronStub(file, stub) {
  const resolved = requireDist.resolve(`./${file}`);
  delete requireDist.cache[resolved];
  const originalLoad = Module._load;
  Module._load = function load(request, ...rest) {
    return request === 'electron' ? stub : originalLoad.call(this, request, ...rest);
  };
  try {
    return requireDist(resolved);
  } finally {
    Module._load = originalLoad;
  }
}
