/**
 * definition.ts holds types only; these are checked by vitest's typecheck (vitest.config.ts) and
 * by tsc in lint.
 */
import { describe, expectTypeOf, it } from "vitest";
import type { AuthDefinition, OperationDefinition, WithoutFields } from "../src/definition.ts";

type Refund = { kind: "item"; paymentTransactionId: string; locale: string } | { kind: "amount"; paymentId: string; locale: string };

describe("definition types", () => {
  it("WithoutFields removes a field from each member of a union, keeping the members apart", () => {
    expectTypeOf<WithoutFields<Refund, "locale">>().toEqualTypeOf<
      { kind: "item"; paymentTransactionId: string } | { kind: "amount"; paymentId: string }
    >();
    // A plain Omit would merge the members into their common keys and lose the ids.
    expectTypeOf<Omit<Refund, "locale">>().not.toEqualTypeOf<WithoutFields<Refund, "locale">>();
  });

  it("an auth definition carries the fields of its own scheme only", () => {
    expectTypeOf<Extract<AuthDefinition, { scheme: "headers" }>["sets"]>().toEqualTypeOf<Record<string, Record<string, string>>>();
    expectTypeOf<Extract<AuthDefinition, { scheme: "akurateco-hash" }>>().toHaveProperty("hashField");
    expectTypeOf<Extract<AuthDefinition, { scheme: "basic" }>>().not.toHaveProperty("sets");
  });

  it("an operation's body is one of three encodings and its method lowercase", () => {
    expectTypeOf<OperationDefinition["body"]>().toEqualTypeOf<"json" | "form" | "none">();
    expectTypeOf<OperationDefinition["method"]>().toEqualTypeOf<"get" | "post" | "put" | "patch" | "delete">();
  });
});
