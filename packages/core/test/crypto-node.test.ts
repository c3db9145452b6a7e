import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { nodeHmacSha256 } from "../src/crypto-node.ts";

const reference = (key: string, message: string) => createHmac("sha256", Buffer.from(key, "utf8")).update(message, "utf8").digest("hex");

describe("nodeHmacSha256", () => {
  it("matches RFC 4231 test case 2", () => {
    expect(nodeHmacSha256("Jefe")("what do ya want for nothing?")).toBe("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  });

  it("signs synchronously, hex out, the same as node:crypto for UTF-8 keys and messages", () => {
    const sign = nodeHmacSha256("gizli-anahtar-ğüşİ");
    for (const message of ["", "[locale=tr,price=1.0]", "ödeme iadesi ₺15,50", "x".repeat(10_000)]) {
      const mac = sign(message);
      expect(typeof mac).toBe("string");
      expect(mac).toBe(reference("gizli-anahtar-ğüşİ", message));
    }
  });

  it("keys once: one keyed signer gives the same answer every time and another key a different one", () => {
    const sign = nodeHmacSha256("k1");
    expect(sign("m")).toBe(sign("m"));
    expect(nodeHmacSha256("k2")("m")).not.toBe(sign("m"));
  });
});
