/**
 * Paywall's static key headers: each operation names its header set (x-odeme-auth-set: the
 * payment API's public pair or the private API's pair), and every header of the set must carry
 * the matching credential.
 */
import { constantTimeEqual } from "../../kit/crypto.ts";
import type { RoutedRequest, SimReply } from "../../server.ts";
import { isObject, type LoadedSpec } from "../../spec.ts";
import { paywallFailure } from "./errors.ts";
import { failure } from "./replies.ts";

/** Named as the generated client's options (createPaywallClient). */
export interface PaywallCredentials {
  apiKeyPublic: string;
  apiClientPublic: string;
  apiKeyPrivate: string;
  apiClientPrivate: string;
}

/** x-odeme-auth.sets: set name -> { header: client option }. */
export function readAuthSets(spec: LoadedSpec): Record<string, Record<string, string>> {
  const auth = spec.document["x-odeme-auth"];
  const sets = isObject(auth) && isObject(auth.sets) ? auth.sets : {};
  const out: Record<string, Record<string, string>> = {};
  for (const [name, set] of Object.entries(sets)) {
    if (!isObject(set)) continue;
    out[name] = Object.fromEntries(Object.entries(set).map(([header, option]) => [header, String(option)]));
  }
  return out;
}

/** Paywall's authentication failure for a missing or wrong header of the operation's set, or undefined. */
export function authenticate(
  req: RoutedRequest,
  authSets: Record<string, Record<string, string>>,
  credentials: PaywallCredentials,
): SimReply | undefined {
  const setName =
    typeof req.operation.raw["x-odeme-auth-set"] === "string" ? req.operation.raw["x-odeme-auth-set"] : Object.keys(authSets)[0];
  const set = setName !== undefined ? authSets[setName] : undefined;
  if (!set) return undefined;
  for (const [header, option] of Object.entries(set)) {
    const expected = credentials[option as keyof PaywallCredentials];
    const given = req.headers[header.toLowerCase()];
    if (expected === undefined || given === undefined || !constantTimeEqual(given, expected)) {
      const reply = failure(paywallFailure("authentication"));
      // The reason is for debugging only; Paywall's message does not say which header was wrong.
      return { ...reply, headers: { "x-simulator-reason": `${given === undefined ? "missing" : "wrong"} ${header} (${setName} set)` } };
    }
  }
  return undefined;
}
