/**
 * The entry point on Node (the `node` export condition): the same API, but a client given no
 * `fetch` sends through node:http with keep-alive instead of the global fetch (see bench/client).
 */
import type { ProviderDefinition } from "./definition.ts";
import { createTransport as createWithDefaults, type Transport, type TransportDefaults, type TransportOptions } from "./transport/create-transport.ts";
import { nodeSender } from "./transport/send-node.ts";

export * from "./index.ts";

const NODE: TransportDefaults = { sender: nodeSender };

export function createTransport(provider: ProviderDefinition, options: TransportOptions & { randomKey?: () => string }, defaults: TransportDefaults = NODE): Transport {
  return createWithDefaults(provider, options, defaults);
}
