/**
 * OAuth2 client-credentials token cache. One token is shared by all calls; it is refreshed a
 * little before it expires; concurrent callers wait on one token request instead of stampeding
 * the identity server; `invalidate()` after a 401 forces the next call to fetch a new one.
 */
export interface TokenResponse {
  access_token: string;
  expires_in?: number;
}

export class TokenCache {
  /** `refreshAt`: when to fetch the next one, a skew before `expiresAt`. */
  #token?: { value: string; refreshAt: number };
  #inflight?: Promise<string>;

  constructor(
    private readonly fetchToken: () => Promise<TokenResponse>,
    private readonly now: () => number = Date.now,
    /**
     * Refresh this long before expiry so a token never expires mid-flight; at most half the
     * token's lifetime, so a short-lived token (expires_in 20) is still used for its first half
     * instead of being fetched again for every call.
     */
    private readonly skewMs = 30_000,
  ) {}

  async get(): Promise<string> {
    if (this.#token && this.now() < this.#token.refreshAt) return this.#token.value;
    this.#inflight ??= this.fetchToken()
      .then((t) => {
        const lifetimeMs = (t.expires_in ?? 300) * 1000;
        this.#token = { value: t.access_token, refreshAt: this.now() + lifetimeMs - Math.min(this.skewMs, lifetimeMs / 2) };
        return t.access_token;
      })
      .finally(() => {
        this.#inflight = undefined;
      });
    return this.#inflight;
  }

  /** Drop `token` if it is still the cached one (another caller may already have refreshed). */
  invalidate(token: string): void {
    if (this.#token?.value === token) this.#token = undefined;
  }
}
