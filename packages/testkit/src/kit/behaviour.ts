/**
 * The dispatch every provider's behaviour shares: operationId -> handler, and a thrown
 * ProviderFailure turned into the provider's failure reply with nothing applied.
 */
import type { HandledReply, RoutedRequest, SimReply } from "../server.ts";
import { isObject, type JsonObject } from "../spec.ts";
import { ProviderFailure } from "./failure.ts";

/** One operation's handler: the request's input (its JSON body unless told otherwise) and the request. */
export type Handler = (input: JsonObject, req: RoutedRequest) => HandledReply;

export interface DispatchOptions {
  /** What a handler gets as its input; default the body when it is an object, else {}. */
  input?(req: RoutedRequest): JsonObject;
  /** The answer for an operation of the spec that has no handler (it may throw a ProviderFailure). */
  unhandled(req: RoutedRequest, input: JsonObject): HandledReply;
  /** The provider's reply to a broken rule. */
  failure(failure: ProviderFailure, req: RoutedRequest): SimReply;
}

/** A ProviderBehaviour.handle that runs `handlers` by operationId. */
export function dispatch(
  handlers: Readonly<Partial<Record<string, Handler>>>,
  options: DispatchOptions,
): (req: RoutedRequest) => HandledReply {
  return (req) => {
    const input = options.input ? options.input(req) : isObject(req.body) ? req.body : {};
    try {
      const handler = handlers[req.operation.operationId];
      return handler ? handler(input, req) : options.unhandled(req, input);
    } catch (error) {
      if (error instanceof ProviderFailure) return { ...options.failure(error, req), applied: false };
      throw error;
    }
  };
}
