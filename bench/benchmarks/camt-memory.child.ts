// Runs in a process of its own, so its peak RSS is the parse's alone: `node camt-memory.child.js <file>`
// parses the CAMT.053 file from a stream; without a file it loads the same modules and parses nothing.
// Prints one JSON line: { entries, maxRssKiB }.
import { createReadStream } from 'node:fs';
import { parseCamt053 } from '@buurtcoop/finance';

async function main(): Promise<void> {
  const file = process.argv[2];
  let entries = 0;
  if (file) {
    for await (const item of parseCamt053(createReadStream(file))) if (item.kind === 'entry') entries++;
  }
  process.stdout.write(`${JSON.stringify({ entries, maxRssKiB: process.resourceUsage().maxRSS })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
