/**
 * The 1-based line where the value a JSON pointer names begins in a JSON text (for an object member, the line
 * of its key), or null when the text is not JSON or has no such value. For annotations that point a person at
 * `config/plugin_locks.json` line 412 rather than at a pointer. Pure, linear, no dependency.
 */
export function jsonPointerLine(text: string, pointer: string): number | null {
  const segments =
    pointer === ""
      ? []
      : pointer
          .split("/")
          .slice(1)
          .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
  let i = 0;
  const lineAt = (index: number): number => {
    let line = 1;
    for (let k = 0; k < index; k++) if (text.charCodeAt(k) === 10) line++;
    return line;
  };
  const ws = (): void => {
    while (i < text.length && " \t\r\n".includes(text[i]!)) i++;
  };
  const string = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const skip = (): void => {
    ws();
    const c = text[i];
    if (c === '"') return void string();
    if (c === "{" || c === "[") {
      const close = c === "{" ? "}" : "]";
      i++;
      ws();
      if (text[i] === close) return void i++;
      for (;;) {
        if (c === "{") {
          ws();
          string();
          ws();
          i++; // :
        }
        skip();
        ws();
        if (text[i++] === close) return;
      }
    }
    while (i < text.length && !",}] \t\r\n".includes(text[i]!)) i++;
  };
  // Walks down the segments; returns the index where the named value (or its member key) starts.
  const find = (depth: number, keyStart: number | null): number | null => {
    ws();
    if (depth === segments.length) return keyStart ?? i;
    const c = text[i];
    const want = segments[depth]!;
    if (c === "{") {
      i++;
      ws();
      if (text[i] === "}") return null;
      for (;;) {
        ws();
        const at = i;
        const key = string();
        ws();
        i++; // :
        if (key === want) return find(depth + 1, at);
        skip();
        ws();
        if (text[i++] !== ",") return null;
      }
    }
    if (c === "[") {
      i++;
      ws();
      if (text[i] === "]") return null;
      for (let index = 0; ; index++) {
        if (String(index) === want) return find(depth + 1, null);
        skip();
        ws();
        if (text[i++] !== ",") return null;
      }
    }
    return null;
  };
  try {
    const at = find(0, null);
    return at === null ? null : lineAt(at);
  } catch {
    return null;
  }
}
