import type { OperationDefinition } from "./definition.ts";
import type { CallOptions, Transport } from "./transport/create-transport.ts";

/**
 * An operation as a generated client writes it: what most operations share is left out (the id is
 * its key; host, the provider's default host; method `post`; `safe: false`; body `json`), so a
 * spec's 80 operations do not each carry the same five properties in every bundle.
 */
export type OperationSpec = Omit<OperationDefinition, "id" | "method" | "host" | "safe" | "body"> &
  Partial<Pick<OperationDefinition, "method" | "host" | "safe" | "body">>;

/** The full definitions of a generated operation table (every property a reader expects is there). */
export function defineOperations<K extends string>(defaultHost: string, specs: Record<K, OperationSpec>): Record<K, OperationDefinition> {
  const out = {} as Record<K, OperationDefinition>;
  for (const id in specs) out[id] = { id, method: "post", host: defaultHost, safe: false, body: "json", ...specs[id] };
  return out;
}

/**
 * Puts one method per operation on a generated client's prototype (declared with its types and
 * docs in the client's interface): one shared function shape instead of a written-out method per
 * operation. `argument` says what comes before the options: the body (default), the whole input,
 * or nothing.
 */
export function addOperationMethods<C>(
  prototype: C,
  operations: Record<string, OperationDefinition>,
  transportOf: (client: C) => Transport,
): void {
  for (const id in operations) {
    const op = operations[id] as OperationDefinition;
    const value =
      op.argument === "none"
        ? function (this: C, options?: CallOptions) {
            return transportOf(this).call(op, {}, options);
          }
        : op.argument === "input"
          ? function (this: C, input: object, options?: CallOptions) {
              return transportOf(this).call(op, input, options);
            }
          : function (this: C, body: unknown, options?: CallOptions) {
              return transportOf(this).call(op, { body }, options);
            };
    // As a class method would be: not enumerable, named after the operation.
    Object.defineProperty(value, "name", { value: id });
    Object.defineProperty(prototype, id, { value, writable: true, configurable: true });
  }
}
