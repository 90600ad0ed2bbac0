/**
 * Electron entry point: wires the real Electron modules and the real server launcher into
 * `createMain`. All logic lives in the modules it imports, which are tested with fakes.
 */
import * as path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, shell } from 'electron';
import { createMain } from './app-lifecycle';
import { resolveServerCommand } from './server-command';
import { startServer } from './server-process';

const main = createMain({
  electron: { app, BrowserWindow, dialog, ipcMain, shell },
  preloadPath: path.join(__dirname, 'preload.js'),
  startServer: () =>
    startServer({
      command: resolveServerCommand({
        isPackaged: app.isPackaged,
        resourcesPath: process.resourcesPath,
        // In development the app path is <repo>/electron.
        repoRoot: path.resolve(app.getAppPath(), '..'),
        platform: process.platform,
        env: process.env,
      }),
      onOutput: (stream, line) =>
        (stream === 'stderr' ? process.stderr : process.stdout).write(`[server] ${line}\n`),
    }),
});

void main.start();
