/**
 * JSON that never loses a digit. Providers send 19-digit ids (Sipay's `7440022202222222022`)
 * that a plain JSON.parse silently rounds; here any integer literal beyond 2^53 becomes its exact
 * decimal string. Requests go the other way: a field whose wire type is a number but whose value
 * we hold as a decimal string (money) is written as that exact literal.
 */
export function parseJsonLossless(text: string): unknown {
  // Without a run of 16 digits no integer can pass 2^53 (9007199254740992 has 16), and the native
  // parser alone is exact: the scan below runs only for bodies that may need it.
  if (!LONG_DIGIT_RUN.test(text)) return JSON.parse(text);
  return JSON.parse(quoteNumbers(text, (literal) => /^-?\d+$/.test(literal) && !Number.isSafeInteger(Number(literal))));
}

/**
 * JSON with every number as the exact text it was written in (`101.50` stays "101.50"): for
 * signatures computed over values "as received", where a parsed 101.5 would never match.
 */
export function parseJsonNumbersAsWritten(text: string): unknown {
  return JSON.parse(quoteNumbers(text, () => true));
}

/** The JSON text with each number literal that `quote` picks turned into a string of itself. */
function quoteNumbers(text: string, quote: (literal: string) => boolean): string {
  let out = "";
  let i = 0;
  let last = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      i++;
      while (i < text.length) {
        const d = text.charCodeAt(i);
        if (d === 92 /* \ */) i += 2;
        else if (d === 34) {
          i++;
          break;
        } else i++;
      }
      continue;
    }
    if (c === 45 /* - */ || (c >= 48 && c <= 57)) {
      const start = i;
      i++;
      while (i < text.length && /[0-9.eE+-]/.test(text[i] as string)) i++;
      const literal = text.slice(start, i);
      if (quote(literal)) {
        out += `${text.slice(last, start)}"${literal}"`;
        last = i;
      }
      continue;
    }
    i++;
  }
  return last === 0 ? text : out + text.slice(last);
}

const LONG_DIGIT_RUN = /\d{16}/;

/** Field paths: `price`, `order.amount`, `basketItems[].price`. */
export type FieldPath = string;

/**
 * Copy-on-write along `path` (arrays expanded): `fn` sees every value present there with its
 * concrete path (`basketItems[1].price`) and returns its replacement. The caller's objects are never
 * changed: the result shares what lies off the path and copies what lies on it (an object is
 * copied only when a value under it changed; an array on the path always is).
 */
export function mapPath(root: unknown, path: FieldPath, fn: (value: unknown, concretePath: string) => unknown): unknown {
  return mapParts(root, path.split("."), "", fn);
}

function mapParts(node: unknown, parts: string[], at: string, fn: (value: unknown, concretePath: string) => unknown): unknown {
  if (node === null || typeof node !== "object" || Array.isArray(node)) return node;
  const [head, ...rest] = parts;
  if (head === undefined) return node;
  const isArray = head.endsWith("[]");
  const key = isArray ? head.slice(0, -2) : head;
  const holder = node as Record<string, unknown>;
  if (!Object.hasOwn(holder, key)) return node;
  const here = at ? `${at}.${key}` : key;
  const current = holder[key];
  let next: unknown;
  if (isArray) {
    if (!Array.isArray(current)) return node;
    next = current.map((item: unknown, i) => (rest.length === 0 ? fn(item, `${here}[${i}]`) : mapParts(item, rest, `${here}[${i}]`, fn)));
  } else {
    next = rest.length === 0 ? fn(current, here) : mapParts(current, rest, here, fn);
  }
  return next === current ? node : { ...holder, [key]: next };
}

export function getPath(root: unknown, path: FieldPath): unknown {
  // A top-level name (an envelope's `status`, read on every call) needs no walk.
  if (!path.includes(".") && !path.endsWith("[]")) {
    return root !== null && typeof root === "object" && path in root ? (root as Record<string, unknown>)[path] : undefined;
  }
  let found: unknown;
  mapPath(root, path, (v) => {
    if (found === undefined) found = v;
    return v;
  });
  return found;
}

/** JSON.stringify, but values wrapped with `rawNumber()` are written as bare number literals. */
export function stringifyWithRawNumbers(value: unknown): string {
  const raws: string[] = [];
  const marker = `__odeme_raw_${Math.random().toString(36).slice(2)}_`;
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof RawNumber) {
      raws.push(v.literal);
      return `${marker}${raws.length - 1}`;
    }
    return v;
  });
  if (raws.length === 0) return text;
  return text.replace(new RegExp(`"${marker}(\\d+)"`, "g"), (_m, n: string) => raws[Number(n)] as string);
}

export class RawNumber {
  constructor(readonly literal: string) {
    if (!/^-?\d+(\.\d+)?$/.test(literal)) throw new TypeError(`not a plain decimal literal: ${literal}`);
  }
}
