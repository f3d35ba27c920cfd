// Preloaded with -r into every benchmarked process (the baseline too): reports, on fd 3 at exit,
// peak RSS (KiB) and CPU time (user + system, µs). CPU time is what the process itself spent,
// so it is far less disturbed than wall time by whatever else the machine is running.
const { writeSync } = require('node:fs');
process.on('exit', () => {
  const usage = process.resourceUsage();
  try {
    writeSync(3, JSON.stringify({ rssKiB: usage.maxRSS, cpuUs: usage.userCPUTime + usage.systemCPUTime }));
  } catch {
    // fd 3 is not open: run outside the benchmark.
  }
});
