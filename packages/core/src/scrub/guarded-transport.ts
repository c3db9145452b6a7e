/**
 * The transport every generated client uses: createTransport, with this client's scrubber around
 * everything that leaves it. The transport masks by field name and pattern before it cuts; only
 * the scrubber knows the configured credential values and the headers signed from them, so it
 * masks log events and errors (message, raw, cause chain, stack) again on their way out, whole
 * values and any 8-character piece of them (a cut that kept a secret's prefix).
 */
import type { ProviderDefinition } from "../definition.ts";
import { createTransport, type Transport, type TransportOptions } from "../transport.ts";
import { scrubberFor } from "./scrubber.ts";

export function createScrubbedTransport(definition: ProviderDefinition, options: TransportOptions): Transport {
  // Credentials are named by the definition's `credentials` list (apiKey, clientSecret, ...).
  const scrubber = scrubberFor([definition, options as TransportOptions & Record<string, unknown>]);
  const { logger, fetch } = options;
  let inner: Transport;
  try {
    inner = createTransport(definition, {
      ...options,
      // Looked up per request, as the transport does, so a fetch installed later is used.
      fetch: scrubber.watch(fetch ?? ((request) => globalThis.fetch(request))),
      ...(logger ? { logger: (event) => logger(scrubber.value(event)) } : {}),
    });
  } catch (error) {
    throw scrubber.error(error);
  }
  return {
    provider: inner.provider,
    async call(op, input, callOptions) {
      try {
        return await inner.call(op, input, callOptions);
      } catch (error) {
        throw scrubber.error(error);
      }
    },
  };
}
