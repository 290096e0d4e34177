// Compiles apps/ and libs/ to dist/ with SWC (about a second) when any source is newer than the last build.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const stamp = join(root, 'dist', '.build-stamp');

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

export function buildIfNeeded() {
  const sources = Math.max(newest(join(root, 'apps')), newest(join(root, 'libs')), statSync(join(root, '.swcrc')).mtimeMs);
  if (existsSync(stamp) && statSync(stamp).mtimeMs >= sources) return;
  process.stderr.write('Building Buurtcoop…\n');
  execFileSync(process.execPath, [join(root, 'node_modules', '@swc', 'cli', 'bin', 'swc.js'), 'apps', 'libs', '-d', 'dist', '--copy-files', '--config-file', '.swcrc', '--ignore', '**/*.spec.ts', '--ignore', 'apps/web/**', '--ignore', 'libs/testing/**', '--quiet'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  writeFileSync(stamp, new Date().toISOString());
}
