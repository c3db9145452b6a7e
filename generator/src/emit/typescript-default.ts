/**
 * Module-resolution hook (node:module register) for the schema worker: every ESM
 * `import ts from "typescript"` gets an ESM shim that require()s the compiler. Importing the 9 MB
 * CommonJS bundle from ESM directly makes Node scan it for named exports (cjs-module-lexer,
 * ~300 ms of a cold run); openapi-typescript uses only the default export, so the shim skips the
 * scan. The compiler is resolved from the importing module, exactly as its own import would be.
 */
const SHIM = "odeme-typescript:";

type Next = (specifier: string, context: { parentURL?: string }) => Promise<unknown>;

export async function resolve(specifier: string, context: { parentURL?: string }, next: Next): Promise<unknown> {
  if (specifier === "typescript" && context.parentURL?.startsWith("file:")) {
    return { url: `${SHIM}${encodeURIComponent(context.parentURL)}`, shortCircuit: true };
  }
  return next(specifier, context);
}

export async function load(url: string, context: unknown, next: (url: string, context: unknown) => Promise<unknown>): Promise<unknown> {
  if (url.startsWith(SHIM)) {
    const from = decodeURIComponent(url.slice(SHIM.length));
    const source = `import { createRequire } from "node:module";\nexport default createRequire(${JSON.stringify(from)})("typescript");\n`;
    return { format: "module", source, shortCircuit: true };
  }
  return next(url, context);
}
