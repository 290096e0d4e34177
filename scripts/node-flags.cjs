// Node/V8 flags every Buurtcoop process runs with (npm start, the worker, the CLI; the Docker image repeats them).
//
// --min-semi-space-size=16: start V8's young generation at its full 16 MiB instead of growing it from 1 MiB.
// Reading a bank statement allocates about 30 KiB per entry that lives only as long as the entry; with the
// small young generation those objects survive two scavenges, are promoted, and pile up in the old
// generation until a full collection at ~200 MiB. Peak memory then grew with the statement (10,000 entries
// 165–260 MiB, 100,000 entries 310–335 MiB); with it the peak is flat (161–170 MiB at both sizes). See
// bench/README.md, camt-memory.
module.exports = ['--enable-source-maps', '--min-semi-space-size=16'];
