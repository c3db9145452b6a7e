export { generatePackage, type GeneratedPackage } from "./generate.ts";
export { loadSpec, parseSpec, type LoadedSpec } from "@odeme/spec";
export { validateSpec } from "./validate.ts";
export { buildModel, type OperationModel, type ProviderModel } from "./model.ts";
export { formatDiagnostic, SpecError, type Diagnostic } from "@odeme/spec";
export { staleFiles, writePackage, type PackageFiles, type WriteResult } from "./output.ts";
