import type { EnvelopeDefinition, EnvelopeDetails } from "./definition.ts";
import { getPath } from "./json.ts";
import type { ErrorCode, FieldError } from "./errors.ts";

export interface EnvelopeFailure {
  code?: string;
  message?: string;
  group?: string;
  fieldErrors?: FieldError[];
  /** The unified code `details.fieldCodes` gives the first field error it names. */
  fieldCode?: ErrorCode;
}

/** Whether a parsed 2xx body is a success by the provider's own rule. */
export function isEnvelopeSuccess(env: EnvelopeDefinition, body: unknown): boolean {
  if (!env.success) return true;
  const v = getPath(body, env.success.field);
  // Providers are loose about types on the wire ("0" vs 0); compare as text.
  const is = (expected: string | number | boolean) => v !== undefined && v !== null && String(v) === String(expected);
  return "notEquals" in env.success ? !is(env.success.notEquals) : is(env.success.equals);
}

/** Reads the provider's code, message, group and field errors out of a failure body. */
export function readFailure(env: EnvelopeDefinition, body: unknown): EnvelopeFailure {
  const out: EnvelopeFailure = {};
  const text = (v: unknown) => (v === undefined || v === null || v === "" ? undefined : String(v));
  const code = env.code ? text(getPath(body, env.code)) : undefined;
  const message = env.message ? text(getPath(body, env.message)) : undefined;
  const group = env.group ? text(getPath(body, env.group)) : undefined;
  if (code !== undefined) out.code = code;
  if (message !== undefined) out.message = message;
  if (group !== undefined) out.group = group;
  const fieldErrors = env.details ? readDetails(env.details, getPath(body, env.details.path)) : [];
  if (fieldErrors.length > 0) out.fieldErrors = fieldErrors;
  const codes = env.details?.fieldCodes;
  if (codes) {
    const named = fieldErrors.find((f) => f.field !== undefined && Object.hasOwn(codes, f.field));
    if (named) out.fieldCode = codes[named.field as string] as ErrorCode;
  }
  return out;
}

/** Field errors in the shape the spec declares; anything else in their place is ignored. */
function readDetails(spec: EnvelopeDetails, details: unknown): FieldError[] {
  if (spec.shape === "list") {
    if (!Array.isArray(details)) return [];
    const key = spec.messageField ?? "message";
    return details.map((d) => {
      const message =
        typeof d === "string"
          ? d
          : d !== null && typeof d === "object" && (d as Record<string, unknown>)[key] !== undefined
            ? String((d as Record<string, unknown>)[key])
            : JSON.stringify(d);
      const m = spec.fieldPrefix ? /^([\w.[\]]+): (.*)$/.exec(message) : null;
      return m ? { field: m[1] as string, message: m[2] as string } : { message };
    });
  }
  if (details === null || typeof details !== "object" || Array.isArray(details)) return [];
  const strip = spec.stripFieldPrefix;
  return Object.entries(details as Record<string, unknown>).flatMap(([field, msgs]) =>
    (Array.isArray(msgs) ? msgs : [msgs]).map((m) => ({
      field: strip && field.startsWith(strip) ? field.slice(strip.length) : field,
      message: String(m),
    })),
  );
}
