import { readFile } from "node:fs/promises";
import { isMap, isSeq, LineCounter, parseDocument, type Node } from "yaml";
import { SpecError, type Diagnostic, toPointer } from "./diagnostics.ts";

/** Line and column (1-based) of the value at `path`, or of its nearest existing ancestor. */
export type Locate = (path: readonly (string | number)[]) => { line: number; col: number };

/** YAML text read into JSON values, still able to say where each value was written. */
export interface YamlDocument {
  /** Path as given (shown in diagnostics), e.g. `specs/iyzico.yaml`. */
  file: string;
  text: string;
  /** The document as JSON (any shape: the caller decides what it must be). */
  value: unknown;
  locate: Locate;
}

/** A parsed spec that can still say where each of its values was written. */
export interface LoadedSpec {
  /** Path as given (shown in diagnostics), e.g. `specs/iyzico.yaml`. */
  file: string;
  text: string;
  doc: Record<string, unknown>;
  locate: Locate;
}

export async function loadSpec(file: string): Promise<LoadedSpec> {
  return parseSpec(file, await readFile(file, "utf8"));
}

/**
 * Parses YAML, keeping source positions. Syntax errors (a tab as indentation, a duplicate key)
 * throw one SpecError naming `file:line:col` for each.
 */
export function readYaml(file: string, text: string): YamlDocument {
  const lineCounter = new LineCounter();
  const yamlDoc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, col };
  };
  if (yamlDoc.errors.length > 0) {
    throw new SpecError(
      yamlDoc.errors.map((e): Diagnostic => ({ file, ...at(e.pos[0]), pointer: "#", message: `YAML: ${e.message.split("\n")[0]}` })),
    );
  }
  const value = yamlDoc.toJS({ maxAliasCount: 100 }) as unknown;
  const locate: Locate = (path) => {
    let node: unknown = yamlDoc.contents;
    let best = (node as Node | null)?.range?.[0] ?? 0;
    for (const key of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => String((p.key as { value?: unknown })?.value ?? p.key) === String(key));
        if (!pair) break;
        // Point at the key when the value is a block (more useful than the next line).
        best = (pair.key as Node | null)?.range?.[0] ?? best;
        node = pair.value;
        if (node && !isMap(node) && !isSeq(node)) best = (node as Node).range?.[0] ?? best;
      } else if (isSeq(node)) {
        const item = node.items[Number(key)];
        if (item === undefined) break;
        node = item;
        best = (item as Node).range?.[0] ?? best;
      } else break;
    }
    return at(best);
  };
  return { file, text, value, locate };
}

/** Parses a spec: YAML with positions ({@link readYaml}) whose document must be a mapping. */
export function parseSpec(file: string, text: string): LoadedSpec {
  const { value, locate } = readYaml(file, text);
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new SpecError([{ file, line: 1, col: 1, pointer: "#", message: "the spec must be a YAML mapping (an OpenAPI document)" }]);
  }
  return { file, text, doc: value as Record<string, unknown>, locate };
}

/** A diagnostic at `path` of `spec`, with its position and pointer. */
export function diagnosticAt(spec: Pick<LoadedSpec, "file" | "locate">, path: readonly (string | number)[], message: string): Diagnostic {
  return { file: spec.file, ...spec.locate(path), pointer: toPointer(path), message };
}
