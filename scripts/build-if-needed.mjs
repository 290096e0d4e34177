// Compiles apps/ and libs/ to dist/ with SWC (about a second) when any source is newer than the last build,
// and builds the web UI (apps/web, Vite, a few seconds) to dist/web when its sources changed.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const web = join(root, 'apps', 'web');

function newest(dir, skip = []) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const path = join(dir, entry.name);
    if (skip.includes(path)) continue;
    latest = Math.max(latest, entry.isDirectory() ? newest(path, skip) : statSync(path).mtimeMs);
  }
  return latest;
}

function stale(stamp, sources) {
  return !existsSync(stamp) || statSync(stamp).mtimeMs < sources;
}

function buildApps() {
  const stamp = join(root, 'dist', '.build-stamp');
  const sources = Math.max(newest(join(root, 'apps'), [web]), newest(join(root, 'libs')), statSync(join(root, '.swcrc')).mtimeMs);
  if (!stale(stamp, sources)) return;
  process.stderr.write('Building Buurtcoop…\n');
  execFileSync(process.execPath, [join(root, 'node_modules', '@swc', 'cli', 'bin', 'swc.js'), 'apps', 'libs', '-d', 'dist', '--copy-files', '--config-file', '.swcrc', '--ignore', '**/*.spec.ts', '--ignore', 'apps/web/**', '--ignore', 'libs/testing/**', '--quiet'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  writeFileSync(stamp, new Date().toISOString());
}

function buildWeb() {
  const stamp = join(root, 'dist', '.web-build-stamp');
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  if (!stale(stamp, newest(web))) return;
  // An installation without development dependencies (the container image) ships dist/web already built.
  if (!existsSync(vite)) {
    if (!existsSync(join(root, 'dist', 'web', 'index.html'))) process.stderr.write('The web UI is not built and Vite is not installed: `/` shows the API documentation.\n');
    return;
  }
  process.stderr.write('Building the web UI…\n');
  execFileSync(process.execPath, [vite, 'build', '--config', join(web, 'vite.config.mts'), '--logLevel', 'warn'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  writeFileSync(stamp, new Date().toISOString());
}

export function buildIfNeeded() {
  buildApps();
  buildWeb();
}
