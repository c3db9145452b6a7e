/** The shape of a provider's entry in the registry; one per provider folder. */
import type { Simulator, StartSimulatorOptions } from "../simulator.ts";
import type { JsonValue } from "../spec.ts";

/** What the CLI prints about the demo data it seeded. */
export interface DemoSummary {
  /** Merged into the CLI's --json line next to provider, url and credentials (e.g. { payments }). */
  references: Record<string, JsonValue>;
  /** Readable lines for the default output. */
  text: string[];
}

export interface ProviderRegistration<S extends Simulator = Simulator> {
  /** As in specs/<id>.yaml and the CLI argument. */
  id: string;
  /** Human name, for messages. */
  name: string;
  start(options: StartSimulatorOptions): Promise<S>;
  /** Seeds a few references a person can try requests against (the CLI calls it once). */
  seedDemo(sim: S): DemoSummary;
}
