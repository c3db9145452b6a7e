/**
 * The identity server's side: opaque bearer tokens that expire by the simulator clock, so a test
 * can expire them by advancing the clock instead of waiting (the client's own cache uses real time,
 * so it still sends the old token and must recover through its 401 -> refresh -> retry path).
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

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

/** Constant-time string comparison (over SHA-256 digests, so lengths do not leak either). */
export function constantTimeEqual(a: string, b: string): boolean {
  const digest = (s: string) => createHash("sha256").update(s, "utf8").digest();
  return timingSafeEqual(digest(a), digest(b));
}
