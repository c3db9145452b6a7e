export { formatDiagnostic, fromPointer, SpecError, toPointer, type Diagnostic } from "./diagnostics.ts";
export { diagnosticAt, loadSpec, parseSpec, readYaml, type LoadedSpec, type YamlDocument } from "./load.ts";
export { deref, inlineRefs, isObject, resolvePointer, type InlineProblem } from "./ref.ts";
export { HTTP_METHODS, operationsOf, walkValues, type OperationEntry, type SpecMethod } from "./walk.ts";
