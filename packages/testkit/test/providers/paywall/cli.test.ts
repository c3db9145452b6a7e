import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../../../../", import.meta.url));

/** Runs `sim paywall --json`, returns its one line parsed, then stops it with SIGTERM. */
async function runJson(
  provider: string,
): Promise<{ line: Record<string, any>; stop: () => Promise<{ code: number | null; stdout: string }> }> {
  const child = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "packages/testkit/src/cli.ts", provider, "--json"], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
  child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const first = await new Promise<string>((resolve, reject) => {
    const check = () => (stdout.includes("\n") ? resolve(stdout.slice(0, stdout.indexOf("\n"))) : undefined);
    child.stdout.on("data", check);
    void exited.then(() => reject(new Error(`exited early: ${stderr}`)));
  });
  return {
    line: JSON.parse(first) as Record<string, any>,
    stop: async () => {
      child.kill("SIGTERM");
      return { code: await exited, stdout };
    },
  };
}

describe("cli: sim paywall --json", () => {
  it("prints one line with url, credentials named as the client options, and payments named as Paywall names them", async () => {
    const { line, stop } = await runJson("paywall");
    try {
      expect(line).toMatchObject({
        provider: "paywall",
        url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
        credentials: {
          apiKeyPublic: expect.any(String),
          apiClientPublic: expect.any(String),
          apiKeyPrivate: expect.any(String),
          apiClientPrivate: expect.any(String),
        },
      });
      expect(line.payments.length).toBeGreaterThanOrEqual(2);
      const [payment] = line.payments;
      expect(payment).toEqual({
        PaymentId: expect.any(Number),
        UniqueCode: expect.any(String),
        MerchantUniqueCode: expect.any(String),
        Date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        Amount: expect.stringMatching(/^\d+\.\d{2}$/),
        CurrencyId: 1,
      });
      const response = await fetch(`${line.url}/api/paywall/private/refund/partial`, {
        method: "POST",
        headers: {
          apikeyprivate: line.credentials.apiKeyPrivate,
          apiclientprivate: line.credentials.apiClientPrivate,
          "content-type": "application/json",
        },
        body: JSON.stringify({ Date: payment.Date, MerchantUniqueCode: payment.MerchantUniqueCode, Amount: 1 }),
      });
      expect(await response.json()).toMatchObject({ ErrorCode: 0, Result: true, Body: { PaymentId: payment.PaymentId } });
    } finally {
      const { code, stdout } = await stop();
      expect(code).toBe(0);
      expect(stdout.trimEnd().split("\n")).toHaveLength(1);
    }
  });
});
