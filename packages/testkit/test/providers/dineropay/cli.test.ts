import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { signature } from "./sign.ts";

const root = fileURLToPath(new URL("../../../../../", import.meta.url));

describe("cli: sim dineropay --json", () => {
  it("prints one line with url, credentials named as the client options, and payments named as DineroPay names them", async () => {
    const child = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "packages/testkit/src/cli.ts", "dineropay", "--json"], {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    try {
      const first = await new Promise<string>((resolve, reject) => {
        child.stdout.on("data", () => (stdout.includes("\n") ? resolve(stdout.slice(0, stdout.indexOf("\n"))) : undefined));
        void exited.then(() => reject(new Error("exited early")));
      });
      const line = JSON.parse(first) as Record<string, any>;
      expect(line).toMatchObject({
        provider: "dineropay",
        url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
        credentials: { merchantKey: expect.any(String), password: expect.any(String) },
      });
      expect(line.payments.length).toBeGreaterThanOrEqual(2);
      const [payment] = line.payments;
      expect(payment).toMatchObject({
        payment_id: expect.any(String),
        order_id: expect.any(String),
        amount: expect.stringMatching(/^\d+\.\d{2}$/),
        currency: "TRY",
        status: "settled",
      });
      const { merchantKey, password } = line.credentials;
      const response = await fetch(`${line.url}/api/v1/payment/status`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ merchant_key: merchantKey, order_id: payment.order_id, hash: signature(["", payment.order_id], password) }),
      });
      expect(await response.json()).toMatchObject({
        payment_id: payment.payment_id,
        status: "settled",
        order: { number: payment.order_id, amount: payment.amount },
      });
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
    expect(stdout.trimEnd().split("\n")).toHaveLength(1);
  });
});
