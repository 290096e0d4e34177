import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');
const SCRIPT = join(ROOT, 'scripts', 'throwaway-postgres.sh');
const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** A PostgreSQL 15 server of one test's own (scripts/throwaway-postgres.sh), which the test may stop and start again. */
export interface ThrowawayPostgres {
  url: string;
  /** Stops the server (`pg_ctl stop -m fast`): open connections are cut. */
  stop(): void;
  /** Starts it again on the same port and data directory. */
  start(): void;
  /** Stops it for good and removes its directory. */
  destroy(): void;
}

/** Whether this machine can run one (the PostgreSQL 15 binaries the script needs). */
export function canStartPostgres(): boolean {
  try {
    execFileSync(join(PG_BIN, 'pg_ctl'), ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function startThrowawayPostgres(): ThrowawayPostgres {
  const stateDir = mkdtempSync(join(tmpdir(), 'buurtcoop-faults-pg-'));
  const env = { ...process.env, PG_STATE_FILE: join(stateDir, 'state') };
  const url = execFileSync(SCRIPT, ['start'], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  const dataDir = readFileSync(env.PG_STATE_FILE, 'utf8').split('\n')[0];
  const base = dirname(dataDir);
  const port = new URL(url).port;
  // pg_ctl refuses to run as root: as the postgres user then, as the script does.
  const pgCtl = (args: string[]) => {
    const command = [join(PG_BIN, 'pg_ctl'), ...args];
    const [file, argv] = process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', ...command]] : [command[0], command.slice(1)];
    execFileSync(file, argv, { cwd: '/', stdio: 'ignore' });
  };
  return {
    url,
    stop: () => pgCtl(['-D', dataDir, 'stop', '-m', 'fast', '-w', '-t', '60']),
    start: () =>
      pgCtl([
        '-D',
        dataDir,
        '-l',
        join(base, 'postgres.log'),
        '-w',
        '-t',
        '60',
        '-o',
        `-p ${port} -k ${join(base, 'sock')} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`,
        'start',
      ]),
    destroy: () => {
      try {
        execFileSync(SCRIPT, ['stop'], { env, stdio: 'ignore' });
      } finally {
        rmSync(stateDir, { recursive: true, force: true });
      }
    },
  };
}
