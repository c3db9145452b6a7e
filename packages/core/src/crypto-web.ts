import type { HmacSha256Factory } from "./auth/scheme.ts";

/**
 * HMAC-SHA256 through WebCrypto, the runtime's own (browsers, workerd, Deno, Bun): no digest code
 * in the bundle. Asynchronous; the key is imported once per client.
 */
export const webHmacSha256: HmacSha256Factory = (key) => {
  const encoder = new TextEncoder();
  let imported: Promise<CryptoKey> | undefined;
  return async (message) => {
    imported ??= crypto.subtle.importKey("raw", encoder.encode(key), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    const mac = new Uint8Array(await crypto.subtle.sign("HMAC", await imported, encoder.encode(message)));
    let hex = "";
    for (let i = 0; i < mac.length; i++) hex += (mac[i] as number).toString(16).padStart(2, "0");
    return hex;
  };
};
