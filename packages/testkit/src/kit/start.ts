/**
 * Start and close, shared: every provider's start function builds its state, then calls
 * startProvider for the server and the fields every Simulator has (url, clock, faults, requests,
 * close). What stays in the provider's simulator.ts is its own wiring.
 */
import type { SimulatorClock } from "../clock.ts";
import { createSimulatorServer, type ProviderBehaviour } from "../server.ts";
import type { Simulator } from "../simulator.ts";
import { loadSpec, type LoadedSpec } from "../spec.ts";

/** What every provider's start options have in common. */
export interface ProviderStartOptions<C> {
  /** Default 0: a free port. */
  port?: number | undefined;
  /** Credentials to accept instead of the sandbox ones. */
  credentials?: C | undefined;
  /** Serve this spec instead of specs/<provider>.yaml (tests of the framework). */
  spec?: LoadedSpec | undefined;
}

export interface ProviderSetup<C> {
  /** The credentials accepted when the options give none. */
  sandbox: Readonly<C>;
  clock: SimulatorClock;
  /** The provider's behaviour, given the spec served and the credentials (a copy: the caller's object may change without effect). */
  behaviour(context: { spec: LoadedSpec; credentials: Readonly<C> }): ProviderBehaviour;
}

/** The fields of a Simulator, with the provider's credential type. */
export type SimulatorBase<C extends { [K in keyof C]: string }> = Simulator & { readonly credentials: Readonly<C> };

/** Starts `provider`'s server on 127.0.0.1 (specs/<provider>.yaml) and returns the shared Simulator fields. */
export async function startProvider<C extends { [K in keyof C]: string }>(
  provider: string,
  options: ProviderStartOptions<C>,
  setup: ProviderSetup<C>,
): Promise<SimulatorBase<C>> {
  const spec = options.spec ?? loadSpec(provider);
  const credentials = { ...(options.credentials ?? setup.sandbox) };
  const server = await createSimulatorServer({
    spec,
    behaviour: setup.behaviour({ spec, credentials }),
    ...(options.port !== undefined ? { port: options.port } : {}),
  });
  return {
    provider,
    url: server.url,
    credentials,
    clock: setup.clock,
    faults: server.faults,
    requests: server.requests,
    close: () => server.close(),
  };
}
