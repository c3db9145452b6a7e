/**
 * The entry point on Node (the `node` export condition): the same API, but a client given no
 * `fetch` sends through node:http with keep-alive instead of the global fetch, and signs with
 * node:crypto instead of WebCrypto (see bench/client for both).
 */
import type { AnyAuthSchemeRuntime } from "./auth/scheme.ts";
import { nodeHmacSha256 } from "./crypto-node.ts";
import type { ProviderDefinition } from "./definition.ts";
import {
  createTransport as createWithDefaults,
  type Transport,
  type TransportDefaults,
  type TransportOptions,
} from "./transport/create-transport.ts";
import { nodeSender } from "./transport/send-node.ts";

export * from "./index.ts";

const NODE: TransportDefaults = { sender: nodeSender, hmacSha256: nodeHmacSha256 };

export function createTransport(
  provider: ProviderDefinition,
  options: TransportOptions & { randomKey?: () => string },
  scheme: AnyAuthSchemeRuntime,
  defaults: TransportDefaults = {},
): Transport {
  return createWithDefaults(provider, options, scheme, { ...NODE, ...defaults });
}
