// `node scripts/run-built.mjs <app> [args…]`: builds if needed, then runs dist/apps/<app>.
import { spawn } from 'node:child_process';
import os from 'node:os';
import { join } from 'node:path';
import { buildIfNeeded } from './build-if-needed.mjs';
import NODE_FLAGS from './node-flags.cjs';

const [app, ...args] = process.argv.slice(2);
if (!['api', 'worker', 'cli'].includes(app)) {
  process.stderr.write(`usage: node scripts/run-built.mjs api|worker|cli [args…] (got '${app ?? ''}')\n`);
  process.exit(2);
}
buildIfNeeded();
const root = new URL('..', import.meta.url).pathname;
const child = spawn(process.execPath, [...NODE_FLAGS, join(root, 'dist', 'apps', app, 'src', 'main.js'), ...args], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
// A child ended by a signal exits the shell way, 128 + the signal's number (SIGTERM: 143).
child.on('exit', (code, signal) => process.exit(code ?? 128 + (os.constants.signals[signal] ?? 0)));
