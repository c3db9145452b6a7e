import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { webHmacSha256 } from "../src/crypto-web.ts";
import { nodeHmacSha256 } from "../src/crypto-node.ts";

describe("webHmacSha256 (WebCrypto)", () => {
  it("matches RFC 4231 test case 2", async () => {
    await expect(webHmacSha256("Jefe")("what do ya want for nothing?")).resolves.toBe(
      "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
    );
  });

  it("gives byte for byte what the node:crypto signer gives, zero-padded hex included", async () => {
    const key = "sandbox-secret-ğüşİ";
    const web = webHmacSha256(key);
    const node = nodeHmacSha256(key);
    for (const message of ["", "a", "ödeme ₺", "[price=1.0,paidPrice=1.2]", "y".repeat(5_000)]) {
      const mac = await web(message);
      expect(mac).toMatch(/^[0-9a-f]{64}$/);
      expect(mac).toBe(node(message));
    }
  });

  it("a key longer than the SHA-256 block is hashed first, as RFC 2104 says", async () => {
    const key = "k".repeat(200);
    expect(await webHmacSha256(key)("m")).toBe(createHmac("sha256", key).update("m").digest("hex"));
  });

  it("signs concurrent messages with one imported key", async () => {
    const sign = webHmacSha256("k");
    const macs = await Promise.all(["a", "b", "a"].map((m) => sign(m)));
    expect(macs[0]).toBe(macs[2]);
    expect(macs[0]).not.toBe(macs[1]);
  });
});
