/**
 * Sipay Wallet's OAuth2 client credentials. The identity server's side: opaque bearer tokens that expire by the simulator clock, so a test
 * can expire them by advancing the clock instead of waiting (the client's own cache uses real time,
 * so it still sends the old token and must recover through its 401 -> refresh -> retry path).
 */
import { randomBytes } from "node:crypto";
import type { SimulatorClock } from "../../clock.ts";
import { constantTimeEqual } from "../../kit/crypto.ts";
import type { RoutedRequest, SimReply } from "../../server.ts";
import type { JsonObject } from "../../spec.ts";
import { problem } from "./replies.ts";

export type TokenCheck = { ok: true } | { ok: false; reason: "missing" | "unknown" | "expired"; expiredAt?: Date };

export class TokenStore {
  private readonly tokens = new Map<string, { clientId: string; scope: string; expiresAt: number }>();

  issue(clientId: string, scope: string, now: Date, ttlSeconds: number): string {
    const token = `sim_${randomBytes(24).toString("base64url")}`;
    this.tokens.set(token, { clientId, scope, expiresAt: now.getTime() + ttlSeconds * 1000 });
    return token;
  }

  /** Checks an `Authorization` header value ("Bearer <token>") at time `now`. */
  check(authorization: string | undefined, now: Date): TokenCheck {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
    if (!match?.[1]) return { ok: false, reason: "missing" };
    const entry = this.tokens.get(match[1]);
    if (!entry) return { ok: false, reason: "unknown" };
    if (now.getTime() >= entry.expiresAt) return { ok: false, reason: "expired", expiredAt: new Date(entry.expiresAt) };
    return { ok: true };
  }

  /** Forgets every token: the next API call of any client gets a 401. */
  revokeAll(): void {
    this.tokens.clear();
  }

  get size(): number {
    return this.tokens.size;
  }
}

export type SipayWalletCredentials = { clientId: string; clientSecret: string };

/** The scopes the token endpoint grants: the WalletGate test suite's and the Business API's. */
export const SIPAY_WALLET_SCOPES: readonly string[] = ["sts_api", "sts_business_api"];

/** Whether a token request's client_id and client_secret are the simulator's (both always compared). */
export function clientValid(body: JsonObject, credentials: SipayWalletCredentials): boolean {
  const idOk = constantTimeEqual(String(body.client_id), credentials.clientId);
  const secretOk = constantTimeEqual(String(body.client_secret), credentials.clientSecret);
  return idOk && secretOk;
}

/** The STS API's Bearer check (the token endpoint itself is open); undefined when the request may proceed. */
export function authenticate(req: RoutedRequest, tokens: TokenStore, clock: SimulatorClock): SimReply | undefined {
  if (req.operation.operationId === "getToken") return undefined;
  const check = tokens.check(req.headers.authorization, clock.now());
  if (check.ok) return undefined;
  // ASP.NET JwtBearer: 401 with a WWW-Authenticate challenge; the body is the problem shape.
  const challenge =
    check.reason === "missing"
      ? "Bearer"
      : check.reason === "expired"
        ? `Bearer error="invalid_token", error_description="The token expired at '${check.expiredAt?.toISOString()}'"`
        : 'Bearer error="invalid_token"';
  return { ...problem(401, "Unauthorized", "https://tools.ietf.org/html/rfc7235#section-3.1"), headers: { "www-authenticate": challenge } };
}
