// Preloaded (`node --require`) into every server a benchmark starts: when the benchmark process ends, even
// by SIGKILL, the IPC channel to it closes, and the server ends too instead of living on as an orphan.
process.on('disconnect', () => process.exit(0));
