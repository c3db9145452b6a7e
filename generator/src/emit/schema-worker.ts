/**
 * Runs emitSchema (openapi-typescript) in a worker thread for the CLI. Loading openapi-typescript
 * and its compiler is the largest part of a cold run; in a worker it happens while the main
 * thread reads and validates the spec and emits the client, so on two cores a cold run
 * waits for the longer of the two instead of their sum.
 */
import { register } from "node:module";
import { parentPort } from "node:worker_threads";
import type { ProviderModel } from "../model.ts";

// Before openapi-typescript loads (hence the dynamic import): see typescript-default.ts.
register(`./typescript-default.${import.meta.url.endsWith(".ts") ? "ts" : "js"}`, import.meta.url);
const { emitSchema } = await import("./schema.ts");

export interface SchemaRequest {
  id: number;
  model: ProviderModel;
  doc: Record<string, unknown>;
}
export type SchemaReply = { id: number; text: string } | { id: number; error: string };

parentPort?.on("message", (request: SchemaRequest) => {
  emitSchema(request.model, request.doc).then(
    (text) => parentPort?.postMessage({ id: request.id, text } satisfies SchemaReply),
    (e: unknown) =>
      parentPort?.postMessage({ id: request.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) } satisfies SchemaReply),
  );
});
