/** `.env` files as REST Client's `{{$dotenv NAME}}` reads them: NAME=value lines, `#` comments, quotes, `export`. */

export interface DotenvEntry {
  name: string;
  value: string;
  /** Offsets of the name in the file, for go to definition. */
  start: number;
  end: number;
  /** 0-based line and character of the name. */
  line: number;
  character: number;
}

export function parseDotenv(text: string): DotenvEntry[] {
  const out: DotenvEntry[] = [];
  let offset = 0;
  let n = 0;
  for (const line of text.split('\n')) {
    const m = /^(\s*(?:export\s+)?)([A-Za-z_][\w.-]*)\s*=\s*(.*?)\s*$/.exec(line.replace(/\r$/, ''));
    if (m) {
      let value = m[3];
      const quoted = /^(["'])(.*)\1$/.exec(value);
      if (quoted) value = quoted[1] === '"' ? quoted[2].replace(/\\n/g, '\n') : quoted[2];
      else value = value.replace(/\s+#.*$/, '');
      const start = offset + m[1].length;
      out.push({ name: m[2], value, start, end: start + m[2].length, line: n, character: m[1].length });
    }
    offset += line.length + 1;
    n++;
  }
  return out;
}
