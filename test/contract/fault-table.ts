/**
 * What the generated clients answer under each simulator fault, on a write and on a read: the
 * transport's contract (packages/core/src/classify.ts), shared by the provider contract tests.
 * `appliesWrite`: whether the simulator applied the write before the fault.
 */
import type { Fault } from "../../packages/testkit/src/faults.ts";

export type Expect = { code: string; outcome: string; retryable: boolean };
const writeUnknown: Expect = { code: "outcome_unknown", outcome: "unknown", retryable: false };
export const FAULTS: { name: string; fault: Fault; timeoutMs?: number; write: Expect; read: Expect; appliesWrite: boolean }[] = [
  {
    name: "reset-before",
    fault: { kind: "reset-before" },
    write: writeUnknown,
    read: { code: "network", outcome: "rejected", retryable: true },
    appliesWrite: false,
  },
  {
    name: "reset-after",
    fault: { kind: "reset-after" },
    write: writeUnknown,
    read: { code: "network", outcome: "rejected", retryable: true },
    appliesWrite: true,
  },
  {
    name: "http-error 503",
    fault: { kind: "http-error", status: 503 },
    write: { code: "provider_unavailable", outcome: "rejected", retryable: true },
    read: { code: "provider_unavailable", outcome: "rejected", retryable: true },
    appliesWrite: false,
  },
  {
    name: "http-error 502",
    fault: { kind: "http-error", status: 502 },
    write: writeUnknown,
    read: { code: "provider_unavailable", outcome: "rejected", retryable: true },
    appliesWrite: false,
  },
  {
    name: "malformed-json",
    fault: { kind: "malformed-json" },
    write: writeUnknown,
    read: { code: "malformed_response", outcome: "rejected", retryable: true },
    appliesWrite: true,
  },
  {
    name: "truncated-json",
    fault: { kind: "truncated-json" },
    write: writeUnknown,
    read: { code: "network", outcome: "rejected", retryable: true },
    appliesWrite: true,
  },
  {
    name: "slow-body past the timeout",
    fault: { kind: "slow-body", ms: 2_000 },
    timeoutMs: 150,
    write: writeUnknown,
    read: { code: "timeout", outcome: "rejected", retryable: true },
    appliesWrite: true,
  },
];
