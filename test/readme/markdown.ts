/** Shared by the README tests: TypeScript blocks of a markdown file, as one module a compiler checks. */
import ts from "typescript";

export interface Block {
  code: string;
  /** 1-based line of the block's first line of code in the markdown file. */
  line: number;
}

/** Every ```ts / ```typescript block, in order. */
export function tsBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  const lines = markdown.split("\n");
  for (let i = 0; i < lines.length; i++) {
    if (!/^```(ts|typescript)\s*$/.test(lines[i] as string)) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && lines[end] !== "```") end++;
    blocks.push({ code: lines.slice(start, end).join("\n"), line: start + 1 });
    i = end;
  }
  return blocks;
}

/**
 * A README's blocks as one module, read the way a reader reads them: imports hoisted, the first
 * block at the top (it usually creates the client), every later block in its own scope so each
 * can name its own `result`. `origin[i]` is the markdown line of the module's line i.
 */
export function asModule(blocks: Block[]): { text: string; origin: number[] } {
  const imports: string[] = [];
  const importOrigin: number[] = [];
  const body: string[] = [];
  const bodyOrigin: number[] = [];
  blocks.forEach((block, n) => {
    if (n > 0) {
      body.push("{");
      bodyOrigin.push(block.line);
    }
    block.code.split("\n").forEach((line, k) => {
      if (/^import\s/.test(line)) {
        imports.push(line);
        importOrigin.push(block.line + k);
      } else {
        body.push(line);
        bodyOrigin.push(block.line + k);
      }
    });
    if (n > 0) {
      body.push("}");
      bodyOrigin.push(block.line);
    }
  });
  return { text: [...imports, "export {};", ...body, ""].join("\n"), origin: [...importOrigin, 0, ...bodyOrigin] };
}

/** Diagnostics of one program over real files plus in-memory ones (`sources`: absolute path -> text). */
export function checkWithVirtualFiles(sources: Map<string, string>, options: ts.CompilerOptions, roots: string[] = []): ts.Diagnostic[] {
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, language, onError, create) => {
    const text = sources.get(fileName);
    return text === undefined ? getSourceFile(fileName, language, onError, create) : ts.createSourceFile(fileName, text, language, true);
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (f) => sources.has(f) || fileExists(f);
  const readFile = host.readFile.bind(host);
  host.readFile = (f) => sources.get(f) ?? readFile(f);
  const program = ts.createProgram({ rootNames: [...roots, ...sources.keys()], options, host });
  return [...ts.getPreEmitDiagnostics(program)];
}
