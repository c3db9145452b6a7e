/**
 * What every provider simulator offers, whatever the provider: the contract the registry, the CLI
 * and cross-provider tests rely on.
 */
import type { SimulatorClock } from "./clock.ts";
import type { FaultInjector } from "./faults.ts";
import type { RequestRecord } from "./server.ts";

export interface Simulator {
  /** The provider id, as in specs/<id>.yaml. */
  readonly provider: string;
  /** Base URL without a trailing slash, e.g. "http://127.0.0.1:41234". */
  readonly url: string;
  /** The credentials the simulator accepts (names as the provider's client options). */
  readonly credentials: Readonly<Record<string, string>>;
  readonly clock: SimulatorClock;
  readonly faults: FaultInjector;
  /** Every request received, oldest first, with whether it was applied. */
  readonly requests: readonly RequestRecord[];
  /** Stops the server; pending fault timers are cancelled and open sockets destroyed. */
  close(): Promise<void>;
}

export interface StartSimulatorOptions {
  /** Default 0: a free port. */
  port?: number;
  /** Freezes the simulator clock at this time; default: follow real time. */
  now?: Date;
  /** Credentials to accept instead of the provider's seeded sandbox ones. */
  credentials?: Record<string, string>;
}
