import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '@buurtcoop/testing';

describe('The outbox on the command line', () => {
  let dir: string;
  const cli = (args: string[]) => runCli(join(dir, 'data'), args);
  const lines = (stdout: string) => stdout.split('\n').filter((line) => /^[0-9a-f-]{36}  /.test(line));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'buurtcoop-outbox-cli-'));
    const seeded = await cli(['demo:seed']);
    if (seeded.code !== 0) throw new Error(`demo:seed failed:\n${seeded.stdout}\n${seeded.stderr}`);
  }, 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists the demo cooperative’s mail without an SMTP server, filtered and limited, and shows one message whole', async () => {
    const all = await cli(['outbox:list', '--cooperative', 'rivierenwijk', '--limit', '200']);
    expect(all.code).toBe(0);
    const listed = lines(all.stdout);
    // The invitations of the approved demo members, the rejection, and the dunning reminders: all pending, nothing sent.
    expect(listed.filter((line) => line.includes('member.invitation')).length).toBeGreaterThanOrEqual(12);
    expect(listed.some((line) => line.includes('application.rejected') && line.includes('p.kramer@elders.example'))).toBe(true);
    expect(all.stdout).toContain(`${listed.length} of ${listed.length} message(s)`);
    const emily = listed.find((line) => line.includes('emily.clarke@rivierenwijk.example') && line.includes('member.invitation'));
    expect(emily).toMatch(/pending\s+member\.invitation {2}emily\.clarke@rivierenwijk\.example {2}Welcome to /);

    const three = await cli(['outbox:list', '--cooperative', 'rivierenwijk', '--status', 'pending', '--limit', '3']);
    expect(three.code).toBe(0);
    expect(lines(three.stdout)).toEqual(listed.slice(0, 3));
    expect(three.stdout).toMatch(new RegExp(`3 of ${listed.length} message\\(s\\) with status pending`));
    const sent = await cli(['outbox:list', '--cooperative', 'rivierenwijk', '--status', 'sent']);
    expect({ code: sent.code, listed: lines(sent.stdout) }).toEqual({ code: 0, listed: [] });

    const shown = await cli(['outbox:show', emily!.slice(0, 36)]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('Kind:      member.invitation');
    expect(shown.stdout).toContain('Status:    pending (next attempt');
    expect(shown.stdout).toContain('Language:  en');
    expect(shown.stdout).toContain('To:        emily.clarke@rivierenwijk.example');
    expect(shown.stdout).toContain('Dear Emily,');
  }, 300_000);

  it('refuses bad arguments with exit code 2 and says what is wrong', async () => {
    const cases: Array<[string[], string]> = [
      [['outbox:list', '--cooperative', 'rivierenwijk', '--status', 'lost'], "--status must be one of pending, sending, sent, failed (got 'lost')"],
      [['outbox:list', '--cooperative', 'rivierenwijk', '--limit', '0'], "--limit must be a whole number from 1 to 200 (got '0')"],
      [['outbox:list', '--cooperative', 'rivierenwijk', '--limit', '2.5'], "--limit must be a whole number from 1 to 200 (got '2.5')"],
      [['outbox:list', '--cooperative', 'nergenshuizen'], 'nergenshuizen'],
      [['outbox:show', '12345'], "The message id must be a UUID as outbox:list shows it (got '12345')"],
      [['outbox:show', '6f9619ff-8b86-4011-b42d-00c04fc964ff'], 'No message 6f9619ff-8b86-4011-b42d-00c04fc964ff in the outbox'],
    ];
    for (const [args, message] of cases) {
      const run = await cli(args);
      expect({ args, code: run.code, stderr: run.stderr }).toEqual({ args, code: 2, stderr: expect.stringContaining(message) });
    }
    const missing = await cli(['outbox:list']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('--cooperative');
  }, 300_000);
});
