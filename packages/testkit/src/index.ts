/**
 * @odeme/testkit: stateful simulators of Turkish payment providers over real HTTP on 127.0.0.1.
 * Providers: startIyzicoSimulator, or startSimulator(id) through the registry. Framework pieces for
 * writing another provider's simulator: createSimulatorServer, loadSpec, createSpecValidator,
 * createClock, createFaultQueue and the money helpers.
 */
export {
  startIyzicoSimulator,
  IYZICO_SANDBOX_CREDENTIALS,
  IYZICO_ERRORS,
  type IyzicoErrorKey,
  type IyzicoSimulator,
  type IyzicoSimulatorOptions,
  type IyzicoCredentials,
  type SeedPaymentInput,
  type SeededPayment,
  type DecimalInput,
  type IyzicoLedgerView,
  type LedgerPayment,
  type LedgerItem,
  type LedgerRefund,
  type LedgerRefundOfItem,
  type LedgerCancel,
} from "./providers/iyzico/index.ts";

export * from "./providers/parolapay/index.ts";
export * from "./providers/sipay-wallet/index.ts";
export {
  startPaywallSimulator,
  PAYWALL_SANDBOX_CREDENTIALS,
  type PaywallSimulator,
  type PaywallSimulatorOptions,
  type PaywallCredentials,
  type SeedPaywallPaymentInput,
  type SeededPaywallPayment,
} from "./providers/paywall/index.ts";
export {
  startDineroPaySimulator,
  DINEROPAY_SANDBOX_CREDENTIALS,
  type DineroPaySimulator,
  type DineroPaySimulatorOptions,
  type DineroPayCredentials,
  type SeedDineroPayPaymentInput,
  type SeededDineroPayPayment,
} from "./providers/dineropay/index.ts";

export { startSimulator, providers, providerIds, findProvider, type SimulatorsById } from "./providers/index.ts";
export type { ProviderRegistration, DemoSummary } from "./providers/registration.ts";
export type { Simulator, StartSimulatorOptions } from "./simulator.ts";

export {
  createSimulatorServer,
  type SimulatorServer,
  type SimulatorServerOptions,
  type ProviderBehaviour,
  type SimRequest,
  type RoutedRequest,
  type SimReply,
  type HandledReply,
  type RequestRecord,
} from "./server.ts";
export { createFaultQueue, type Fault, type FaultKind, type FaultOptions, type FaultInjector, type FaultQueue } from "./faults.ts";
export { createClock, calendarDay, type SimulatorClock } from "./clock.ts";
export {
  loadSpec,
  loadSpecFile,
  parseSpec,
  specsDir,
  type LoadedSpec,
  type SpecOperation,
  type SpecParameter,
  type JsonValue,
  type JsonObject,
} from "./spec.ts";
export { createSpecValidator, type SpecValidator, type ValidationIssue, type RequestInput } from "./validate.ts";
export { parseMinor, formatMinor, minorToNumber, allocate, MoneyFormatError } from "./money.ts";
