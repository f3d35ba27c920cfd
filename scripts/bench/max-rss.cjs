// Preloaded with -r into every benchmarked process (the baseline too): reports peak RSS (KiB) on fd 3 at exit.
const { writeSync } = require('node:fs');
process.on('exit', () => {
  try {
    writeSync(3, String(process.resourceUsage().maxRSS));
  } catch {
    // fd 3 is not open: run outside the benchmark.
  }
});
