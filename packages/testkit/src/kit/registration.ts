/**
 * A provider's registry entry, shared: the registry's generic start options (port, now, a plain
 * credentials record) checked and turned into the provider's own start options.
 */
import type { ProviderRegistration } from "../providers/registration.ts";
import type { Simulator, StartSimulatorOptions } from "../simulator.ts";

export interface ProviderEntry<S extends Simulator, N extends string> {
  /** The credential names the provider's simulator takes, as its client options name them. */
  credentialNames: readonly N[];
  start(options: { port?: number; now?: Date; credentials?: Record<N, string> }): Promise<S>;
  seedDemo: ProviderRegistration<S>["seedDemo"];
}

/**
 * The registration of provider `id` (as in specs/<id>.yaml) named `name` in messages; credentials
 * given to startSimulator must name every credential.
 */
export function defineProvider<S extends Simulator, N extends string>(
  id: string,
  name: string,
  entry: ProviderEntry<S, N>,
): ProviderRegistration<S> {
  return {
    id,
    name,
    start(options: StartSimulatorOptions) {
      const credentials = pickCredentials(options.credentials, entry.credentialNames, name);
      return entry.start({
        ...(options.port !== undefined ? { port: options.port } : {}),
        ...(options.now !== undefined ? { now: options.now } : {}),
        ...(credentials ? { credentials } : {}),
      });
    },
    seedDemo: entry.seedDemo,
  };
}

function pickCredentials<N extends string>(
  given: Record<string, string> | undefined,
  names: readonly N[],
  provider: string,
): Record<N, string> | undefined {
  if (!given) return undefined;
  const missing = names.filter((name) => typeof given[name] !== "string");
  if (missing.length > 0) throw new TypeError(`${provider} simulator credentials need ${names.join(", ")} (missing ${missing.join(", ")})`);
  return Object.fromEntries(names.map((name) => [name, given[name] as string])) as Record<N, string>;
}
