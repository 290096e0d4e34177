import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/**
 * The live heap of a running Node process, measured from outside: what a full garbage collection leaves.
 * Unlike RSS, which also holds garbage not yet collected and pages V8 or the allocator keep after a peak,
 * this only grows when the process keeps something: the figure that tells a leak from a larger working set.
 *
 * The process runs with `liveHeapFlags(port)` (its inspector on loopback); `liveHeapBytes(port)` asks it, over
 * the DevTools protocol, for a full collection and then for its heap usage.
 */
export function liveHeapFlags(inspectorPort: number): string[] {
  return [`--inspect=127.0.0.1:${inspectorPort}`];
}

/**
 * The DevTools client, run by a Node of its own because Node 20 has WebSocket only behind a flag:
 * HeapProfiler.collectGarbage, then Runtime.getHeapUsage; prints the used size in bytes.
 */
const CLIENT = `
const [target] = await (await fetch('http://127.0.0.1:' + process.argv[1] + '/json/list')).json();
const socket = new WebSocket(target.webSocketDebuggerUrl);
await new Promise((resolve, reject) => { socket.onopen = resolve; socket.onerror = () => reject(new Error('inspector refused the connection')); });
let id = 0;
const pending = new Map();
socket.onmessage = (event) => {
  const message = JSON.parse(event.data);
  if (!pending.has(message.id)) return;
  const { resolve, reject } = pending.get(message.id);
  pending.delete(message.id);
  message.error ? reject(new Error(message.error.message)) : resolve(message.result);
};
const call = (method) => new Promise((resolve, reject) => { pending.set(++id, { resolve, reject }); socket.send(JSON.stringify({ id, method })); });
await call('HeapProfiler.collectGarbage');
const usage = await call('Runtime.getHeapUsage');
process.stdout.write(String(usage.usedSize));
socket.close();
`;

export async function liveHeapBytes(inspectorPort: number): Promise<number> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--experimental-websocket', '--no-warnings', '--input-type=module', '-e', CLIENT, String(inspectorPort)], { timeout: 60_000 });
  const bytes = Number(stdout.trim());
  if (!Number.isFinite(bytes) || bytes <= 0) throw new Error(`no heap usage from the inspector on port ${inspectorPort}: '${stdout}'`);
  return bytes;
}
