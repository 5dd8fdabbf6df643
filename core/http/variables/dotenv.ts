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

/** `NAME=value` with an optional `export `; the value with its spaces trimmed; undefined for any other line. */
function entryOf(line: string): { lead: number; name: string; value: string } | undefined {
  // One anchored match with disjoint parts: no run of spaces is scanned twice (the old lazy `(.*?)\s*$`
  // was quadratic on a long run of spaces).
  const m = /^(\s*(?:export\s+)?)([A-Za-z_][\w.-]*)[ \t]*=/.exec(line);
  if (!m) return undefined;
  return { lead: m[1].length, name: m[2], value: line.slice(m[0].length).trim() };
}

/** A value's trailing ` # comment`, cut by a scan for the first `#` after white space. */
function withoutComment(value: string): string {
  for (let i = 1; i < value.length; i++)
    if (value[i] === '#' && (value[i - 1] === ' ' || value[i - 1] === '\t')) return value.slice(0, i).trimEnd();
  return value;
}

export function parseDotenv(text: string): DotenvEntry[] {
  const out: DotenvEntry[] = [];
  let offset = 0;
  let n = 0;
  for (const line of text.split('\n')) {
    const e = entryOf(line.endsWith('\r') ? line.slice(0, -1) : line);
    if (e) {
      let value = e.value;
      const q = value[0];
      if ((q === '"' || q === "'") && value.length >= 2 && value.endsWith(q)) {
        value = value.slice(1, -1);
        if (q === '"') value = value.replace(/\\n/g, '\n');
      } else value = withoutComment(value);
      const start = offset + e.lead;
      out.push({ name: e.name, value, start, end: start + e.name.length, line: n, character: e.lead });
    }
    offset += line.length + 1;
    n++;
  }
  return out;
}
