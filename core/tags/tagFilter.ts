/**
 * The find-by-tags filter a person types, `env=prod|test, team`: comma-separated entries, each a key
 * with `=` and `|`-separated values, or a key alone for any value. The result is the `tags` list of
 * ListImageByTags (`[{ key, values }]`).
 */
export interface TagFilterEntry {
  key: string;
  values: string[];
}

export type TagFilterParse =
  { ok: true; entries: TagFilterEntry[] } | { ok: false; problem: 'empty' | 'emptyKey'; entry?: string };

export function parseTagFilter(text: string): TagFilterParse {
  const parts = text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0) return { ok: false, problem: 'empty' };
  const entries: TagFilterEntry[] = [];
  for (const part of parts) {
    const eq = part.indexOf('=');
    const key = (eq < 0 ? part : part.slice(0, eq)).trim();
    if (!key) return { ok: false, problem: 'emptyKey', entry: part };
    const values =
      eq < 0
        ? []
        : part
            .slice(eq + 1)
            .split('|')
            .map((v) => v.trim())
            .filter(Boolean);
    entries.push({ key, values });
  }
  return { ok: true, entries };
}

/** The filter as a person would type it again (for tooltips and the filter row). */
export function formatTagFilter(entries: readonly TagFilterEntry[]): string {
  return entries.map((e) => (e.values.length ? `${e.key}=${e.values.join('|')}` : e.key)).join(', ');
}
