/**
 * For memory-measuring child processes: runs `work` while sampling the process's heap and RSS every 5 ms, and
 * prints one JSON line on stdout with the work's own fields plus the peak growth over a baseline taken after a full
 * GC (run the child with --expose-gc). Any failure is printed on stderr with exit code 1.
 */
export function reportPeakMemory(work: () => Promise<Record<string, unknown>>): void {
  const run = async (): Promise<void> => {
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const baseline = process.memoryUsage();
    let peakHeap = baseline.heapUsed;
    let peakRss = baseline.rss;
    const sample = (): void => {
      const now = process.memoryUsage();
      peakHeap = Math.max(peakHeap, now.heapUsed);
      peakRss = Math.max(peakRss, now.rss);
    };
    const timer = setInterval(sample, 5);
    try {
      const fields = await work();
      sample();
      process.stdout.write(`${JSON.stringify({ ...fields, heapGrowth: peakHeap - baseline.heapUsed, rssGrowth: peakRss - baseline.rss, gcExposed: gc !== undefined })}\n`);
    } finally {
      clearInterval(timer);
    }
  };
  run().catch((err: unknown) => {
    process.stderr.write(`${String(err)}\n`);
    process.exit(1);
  });
}
