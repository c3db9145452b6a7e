/**
 * Start and close, shared: every provider's start function builds its state, then calls
 * startProvider for the server and the fields every Simulator has (url, clock, faults, requests,
 * close). What stays in the provider's simulator.ts is its own wiring.
 */
import type { SimulatorClock } from "../clock.ts";
import { createSimulatorServer, type ProviderBehaviour } from "../server.ts";
import type { Simulator } from "../simulator.ts";
import { loadSpec, type LoadedSpec } from "../spec.ts";

export interface StartProviderInput<C extends { [K in keyof C]: string }> {
  /** The provider id, as in specs/<id>.yaml. */
  provider: string;
  /** Serve this spec instead of specs/<provider>.yaml (tests of the framework). */
  spec?: LoadedSpec | undefined;
  /** Default 0: a free port. */
  port?: number | undefined;
  clock: SimulatorClock;
  /** The credentials to accept (copied, so the caller's object can change without effect). */
  credentials: Readonly<C>;
  /** The provider's behaviour, given the spec served and the (copied) credentials. */
  behaviour(context: { spec: LoadedSpec; credentials: Readonly<C> }): ProviderBehaviour;
}

/** The fields of a Simulator, with the provider's credential type. */
export type SimulatorBase<C extends { [K in keyof C]: string }> = Simulator & { readonly credentials: Readonly<C> };

/** Starts the provider's server on 127.0.0.1 and returns the shared Simulator fields. */
export async function startProvider<C extends { [K in keyof C]: string }>(input: StartProviderInput<C>): Promise<SimulatorBase<C>> {
  const spec = input.spec ?? loadSpec(input.provider);
  const credentials = { ...input.credentials };
  const server = await createSimulatorServer({
    spec,
    behaviour: input.behaviour({ spec, credentials }),
    ...(input.port !== undefined ? { port: input.port } : {}),
  });
  return {
    provider: input.provider,
    url: server.url,
    credentials,
    clock: input.clock,
    faults: server.faults,
    requests: server.requests,
    close: () => server.close(),
  };
}
