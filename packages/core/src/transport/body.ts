import type { AuthScheme } from "../auth/scheme.ts";
import type { OperationDefinition, ProviderDefinition } from "../definition.ts";
import { invalidRequest } from "../errors.ts";
import { mapPath, RawNumber, stringifyWithRawNumbers } from "../json.ts";
import { formatWireAmount, WireMoneyError } from "../wire-money.ts";

/** A request body, serialized once: these exact bytes are signed, sent and (masked) logged. */
export interface PreparedBody {
  text?: string;
  contentType?: string;
}

/**
 * Turns the caller's body into the wire text: money fields to the provider's literal (once), the
 * auth scheme's fields (DineroPay's merchant key and hash), then one serialization. The caller's
 * object is never changed: only the containers on a money path are copied.
 * Anything wrong here is the caller's input and nothing has been sent: `invalid_request`, `not_sent`.
 */
export function prepareBody(provider: ProviderDefinition, op: OperationDefinition, input: unknown, auth: AuthScheme): PreparedBody {
  if (op.body === "none" || input === undefined) return {};
  if (input === null || typeof input !== "object" || Array.isArray(input)) {
    throw invalidRequest(provider, op.id, `${provider.name} ${op.id}: the request body must be an object.`, "body");
  }
  let body = { ...(input as Record<string, unknown>) };
  let rawNumbers = false;
  for (const path of op.money ?? []) {
    body = mapPath(body, path, (v, concrete) => {
      if (v === undefined || v === null) return v;
      try {
        const literal = formatWireAmount(v, provider.money);
        if (provider.money.wire !== "number") return literal;
        rawNumbers = true;
        return new RawNumber(literal);
      } catch (e) {
        if (e instanceof WireMoneyError)
          throw invalidRequest(provider, op.id, `${provider.name} ${op.id}: ${concrete} ${e.message}.`, concrete);
        throw e;
      }
    }) as Record<string, unknown>;
  }
  auth.prepareBody?.(op, body);
  if (op.body === "form") {
    const form = new URLSearchParams();
    for (const [k, v] of Object.entries(body))
      if (v !== undefined && v !== null) form.set(k, v instanceof RawNumber ? v.literal : String(v));
    return { text: form.toString(), contentType: "application/x-www-form-urlencoded" };
  }
  try {
    // The replacer that writes raw number literals costs a call per value: only when there are some.
    return { text: rawNumbers ? stringifyWithRawNumbers(body) : JSON.stringify(body), contentType: "application/json" };
  } catch (e) {
    // A bigint or a cycle: JSON.stringify throws a TypeError; name the field so it can be fixed.
    const field = unserializablePath(body) ?? "body";
    throw invalidRequest(
      provider,
      op.id,
      `${provider.name} ${op.id}: ${field} cannot be sent as JSON (${e instanceof Error ? e.message.split("\n")[0] : "not serializable"}).`,
      field,
      e,
    );
  }
}

/** The first path holding a value JSON cannot carry (a bigint, a cycle), for the error's `field`. */
function unserializablePath(root: unknown): string | undefined {
  const seen = new Set<object>();
  const visit = (v: unknown, path: string): string | undefined => {
    if (typeof v === "bigint" || typeof v === "symbol" || typeof v === "function") return typeof v === "bigint" ? path : undefined;
    if (v === null || typeof v !== "object" || v instanceof RawNumber) return undefined;
    if (seen.has(v)) return path;
    seen.add(v);
    const entries: [string, unknown][] = Array.isArray(v) ? v.map((x, i) => [`[${i}]`, x]) : Object.entries(v);
    for (const [k, x] of entries) {
      const found = visit(x, k.startsWith("[") ? `${path}${k}` : path ? `${path}.${k}` : k);
      if (found !== undefined) return found;
    }
    seen.delete(v);
    return undefined;
  };
  return visit(root, "") || undefined;
}
