/** A problem in a spec, pinned to its place: `specs/iyzico.yaml:12:7 #/paths/... must be string`. */
export interface Diagnostic {
  file: string;
  line: number;
  col: number;
  /** JSON pointer into the document, e.g. `#/paths/~1payment~1refund/post/operationId`. */
  pointer: string;
  message: string;
}

export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.col} ${d.pointer} ${d.message}`;
}

/** Thrown when a spec cannot be generated; carries every diagnostic found, not just the first. */
export class SpecError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join("\n"));
    this.name = "SpecError";
  }
}

export function toPointer(path: readonly (string | number)[]): string {
  return `#${path.map((p) => `/${String(p).replace(/~/g, "~0").replace(/\//g, "~1")}`).join("")}`;
}

export function fromPointer(pointer: string): string[] {
  const body = pointer.replace(/^#/, "");
  if (body === "") return [];
  return body
    .slice(1)
    .split("/")
    .map((p) => decodeURIComponent(p).replace(/~1/g, "/").replace(/~0/g, "~"));
}
