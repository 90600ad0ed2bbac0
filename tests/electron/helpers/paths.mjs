// Locations shared by the Electron shell tests.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** `require` for the compiled CommonJS modules in electron/dist. */
export const requireDist = createRequire(new URL('../../../electron/dist/', import.meta.url));

/** Absolute path of a file in electron/dist. */
export const distPath = (file) =>
  fileURLToPath(new URL(`../../../electron/dist/${file}`, import.meta.url));

/** Absolute path of the stand-in server script. */
export const fakeServerPath = fileURLToPath(
  new URL('../fixtures/fake-server.mjs', import.meta.url),
);

/** A DIPPER_SERVER_CMD value that runs the stand-in server with this Node. */
export const fakeServerCommand = JSON.stringify([process.execPath, fakeServerPath]);
