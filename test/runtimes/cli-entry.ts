// The entry for Bun and Deno: run, print one JSON line, and let the process end by itself (a
// runtime kept alive by a leaked timer or socket shows as a test timeout).
import { refundBoth } from "./app.ts";

console.log(JSON.stringify(await refundBoth()));
