/**
 * Akurateco Checkout request hash, written independently of @odeme/core's signer so that a bug in
 * one is caught by the other (docs.akurateco.com/docs/requests/hash_signature, providers.md §4):
 *   hash = hex( SHA1( hex_lower( MD5( strtoupper( field1 + field2 + ... + PASSWORD ) ) ) ) )
 * strtoupper is PHP's: ASCII a-z only, every other character untouched. SHA1 runs over the 32
 * hex characters of the MD5, not its raw bytes.
 * The simulator checks every request this way (authenticate) before it reads the body.
 */
import { createHash } from "node:crypto";
import { constantTimeEqual } from "../../kit/crypto.ts";
import type { RoutedRequest, SimReply } from "../../server.ts";
import { isObject } from "../../spec.ts";
import { dineroPayFailure } from "./errors.ts";
import { rejection } from "./replies.ts";

/** PHP strtoupper: only a-z change. */
function asciiUpper(text: string): string {
  let out = "";
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    out += c >= 97 && c <= 122 ? String.fromCharCode(c - 32) : ch;
  }
  return out;
}

/** The 40-char lowercase hex hash of `values` (already the exact strings sent) and the password. */
export function dineroPayHash(values: readonly string[], password: string): string {
  const md5hex = createHash("md5")
    .update(asciiUpper(values.join("") + password), "utf8")
    .digest("hex");
  return createHash("sha1").update(md5hex, "ascii").digest("hex");
}

/** The value at a dotted path ("order.amount"), as the string that was hashed ("" when absent). */
export function hashFieldValue(body: unknown, path: string): string {
  let node: unknown = body;
  for (const key of path.split(".")) {
    if (node === null || typeof node !== "object" || Array.isArray(node)) return "";
    node = (node as Record<string, unknown>)[key];
  }
  if (node === undefined || node === null) return "";
  return typeof node === "object" ? JSON.stringify(node) : String(node);
}

/** Compares a received hash with the expected one in constant time; like the docs, lowercase hex only. */
export function hashMatches(given: unknown, expected: string): boolean {
  if (typeof given !== "string" || !/^[0-9a-f]{40}$/.test(given)) return false;
  return constantTimeEqual(given, expected);
}

/** Named as the generated client's options (createDineroPayClient). */
export interface DineroPayCredentials {
  merchantKey: string;
  password: string;
}

/**
 * Checks the body's merchant_key and hash over the operation's x-odeme-hash-fields; returns
 * DineroPay's 400 on `hash`, or undefined when the request may proceed.
 */
export function authenticate(req: RoutedRequest, credentials: DineroPayCredentials): SimReply | undefined {
  // A body that is not a JSON object is the schema's problem (answered by invalidRequest).
  if (!isObject(req.body)) return undefined;
  const fields = req.operation.raw["x-odeme-hash-fields"];
  const names = Array.isArray(fields) ? fields.map(String) : [];
  const knownMerchant = typeof req.body.merchant_key === "string" && constantTimeEqual(req.body.merchant_key, credentials.merchantKey);
  // The hash is computed even for an unknown merchant so both failures take the same time.
  const expected = dineroPayHash(
    names.map((n) => hashFieldValue(req.body, n)),
    credentials.password,
  );
  const hashOk = hashMatches(req.body.hash, expected);
  if (knownMerchant && hashOk) return undefined;
  // Akurateco answers an unknown key the same way: the hash cannot be valid for it.
  return {
    ...rejection(dineroPayFailure("hash", "hashInvalid")),
    headers: { "x-simulator-reason": knownMerchant ? "hash mismatch" : "unknown merchant_key" },
  };
}
