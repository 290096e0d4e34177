// Adds lock entries for other platforms' optional binaries (e.g. @swc/core-darwin-arm64).
//
// The registry mirror on the build machines serves only this platform's binaries, so `npm install`
// leaves the others out of package-lock.json, and `npm ci` then refuses the lock as out of sync.
// An entry with `optional`, `os` and `cpu` is what npm itself records; `npm ci` skips it on a
// platform it does not fit. Run after adding or upgrading a dependency with native binaries:
//   npm run lockfile:complete
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
const OS = ['darwin', 'win32', 'linux', 'freebsd', 'android', 'openharmony', 'sunos', 'aix', 'netbsd', 'openbsd'];
const CPU = ['arm64', 'x64', 'ia32', 'arm', 'ppc64', 's390x', 'riscv64', 'loong64', 'wasm32', 'mips64el'];
const part = (name, values) => values.find((v) => new RegExp(`(^|-)${v}(-|$)`).test(name));

let added = 0;
for (const [path, entry] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = `${path ? `${path}/` : ''}node_modules/${name}`;
    const top = `node_modules/${name}`;
    if (lock.packages[nested] || lock.packages[top]) continue;
    const base = name.split('/').pop();
    const os = part(base, OS);
    const cpu = part(base, CPU) ?? (base.includes('wasm') ? 'wasm32' : undefined);
    lock.packages[top] = { version, optional: true, ...(os ? { os: [os] } : {}), ...(cpu ? { cpu: [cpu] } : {}) };
    added++;
  }
}
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
process.stdout.write(`package-lock.json: added ${added} optional platform entries\n`);
