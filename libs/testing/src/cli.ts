import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The built CLI on an embedded database in its own DATA_DIR: none of the test run's database settings reach it. */
export function runCli(dataDir: string, args: string[], timeoutMs = 120_000): Promise<CliRun> {
  return new Promise((resolveRun, reject) => {
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(DATABASE_URL|TEST_DATABASE_URL|DATABASE_POOL_SIZE|JWT_SECRET|NODE_ENV|BUURTCOOP_.*)$/.test(name)));
    const child = spawn(process.execPath, [join(ROOT, 'scripts', 'run-built.mjs'), 'cli', ...args], {
      cwd: ROOT,
      env: { ...env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`cli ${args.join(' ')} did not exit within ${timeoutMs / 1000} s\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolveRun({ code, stdout, stderr });
    });
  });
}
