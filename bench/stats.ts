/** Statistics without Node built-ins, so an entry bundled for any runtime (bench/client/runtimes-entry.ts) can use them too. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}
