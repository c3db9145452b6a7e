import { describe, expect, it } from "vitest";
import type { OperationDefinition } from "../src/definition.ts";
import { addOperationMethods, defineOperations } from "../src/operations.ts";
import type { CallInput, CallOptions, Transport } from "../src/transport/create-transport.ts";

describe("defineOperations", () => {
  it("fills in what a generated table leaves out: the id, post, the default host, a write, a JSON body", () => {
    const ops = defineOperations("api", { refund: { path: "/refund" } });
    expect(ops.refund).toEqual({ id: "refund", method: "post", host: "api", safe: false, body: "json", path: "/refund" });
  });

  it("keeps what the table writes over the defaults", () => {
    const ops = defineOperations("api", {
      retrieve: { method: "get", host: "reporting", safe: true, body: "none", path: "/detail/{id}", pathParams: ["id"], argument: "input" },
    });
    expect(ops.retrieve).toEqual({
      id: "retrieve",
      method: "get",
      host: "reporting",
      safe: true,
      body: "none",
      path: "/detail/{id}",
      pathParams: ["id"],
      argument: "input",
    });
  });
});

describe("addOperationMethods", () => {
  const ops = defineOperations("api", {
    refund: { path: "/refund" },
    retrieve: { path: "/detail/{id}", pathParams: ["id"], argument: "input", safe: true },
    test: { path: "/test", body: "none", argument: "none" },
  });

  /** A client whose transport records what each method hands it. */
  function client() {
    const calls: { op: OperationDefinition; input: CallInput; options?: CallOptions }[] = [];
    const transport = {
      call: async (op: OperationDefinition, input: CallInput, options?: CallOptions) => {
        calls.push({ op, input, ...(options ? { options } : {}) });
        return { ok: op.id };
      },
    } as unknown as Transport;
    class Client {
      readonly transport = transport;
    }
    addOperationMethods(Client.prototype, ops, (c: Client) => c.transport);
    return { instance: new Client() as Client & Record<string, (...args: unknown[]) => Promise<unknown>>, calls, Client };
  }

  it("passes a body, a whole input or nothing, as the table's argument says, with the options", async () => {
    const { instance, calls } = client();
    const signal = new AbortController().signal;
    await expect(instance.refund!({ price: "1.0" }, { signal })).resolves.toEqual({ ok: "refund" });
    await instance.retrieve!({ path: { id: "42" } });
    await instance.test!({ timeoutMs: 5 });
    expect(calls).toEqual([
      { op: ops.refund, input: { body: { price: "1.0" } }, options: { signal } },
      { op: ops.retrieve, input: { path: { id: "42" } } },
      { op: ops.test, input: {}, options: { timeoutMs: 5 } },
    ]);
  });

  it("defines the methods as a class would: on the prototype, named, not enumerable", () => {
    const { instance, Client } = client();
    expect(Object.keys(instance)).toEqual(["transport"]);
    expect(Object.keys(Client.prototype)).toEqual([]);
    expect(Object.hasOwn(Client.prototype, "refund")).toBe(true);
    expect(instance.refund!.name).toBe("refund");
  });

  it("uses each instance's own transport", async () => {
    const a = client();
    const b = client();
    await a.instance.test!();
    expect(a.calls).toHaveLength(1);
    expect(b.calls).toHaveLength(0);
  });
});
