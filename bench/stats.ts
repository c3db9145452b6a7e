/** Statistics without Node built-ins, so an entry bundled for any runtime (bench/client/runtimes-entry.ts) can use them too. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/**
 * `calls` calls of `call`, `width` at a time: wall-clock calls per second and the process's CPU
 * time (user + system) per call over the block. `process.cpuUsage` exists in Node, Bun and Deno.
 */
export async function measureBlock(
  calls: number,
  width: number,
  call: () => Promise<unknown>,
): Promise<{ perSecond: number; cpuUs: number }> {
  let next = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next++ < calls) await call();
    }),
  );
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { perSecond: (calls / ms) * 1000, cpuUs: (cpu.user + cpu.system) / calls };
}
