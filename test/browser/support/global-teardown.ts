import { rmSync } from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  const api = (globalThis as { browserApi?: { pid: number; dataDir: string } }).browserApi;
  if (!api) return;
  try {
    process.kill(api.pid, 'SIGTERM');
  } catch {
    // Already gone.
  }
  // Give the embedded database a moment to close before its directory goes.
  await new Promise((done) => setTimeout(done, 1500));
  rmSync(api.dataDir, { recursive: true, force: true });
}
