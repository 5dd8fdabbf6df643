/** The read side of the emulator: ListImages filters and paging, ListImageByTags, the tag listings. */
import type { Image } from './store';

type TagFilter = Array<{ key: string; values: string[] }>;

function has(image: Image, f: { key: string; values: string[] }): boolean {
  if (!image.tags.has(f.key)) return false;
  return f.values.length === 0 || f.values.includes(image.tags.get(f.key)!);
}

export interface ByTagsBody {
  action: 'filter' | 'count';
  tags?: TagFilter;
  tags_any?: TagFilter;
  not_tags?: TagFilter;
  not_tags_any?: TagFilter;
  without_any_tag?: boolean;
  limit?: string;
  offset?: string;
  matches?: Array<{ key: string; value: string }>;
}

/** ListImageByTags semantics (docs/sources.md §A.2 #5). */
export function imagesByTags(images: Image[], body: ByTagsBody): Image[] {
  return images.filter((image) => {
    if (body.without_any_tag) {
      if (image.tags.size > 0) return false;
    } else {
      if (body.tags && !body.tags.every((f) => has(image, f))) return false;
      if (body.tags_any && !body.tags_any.some((f) => has(image, f))) return false;
      if (body.not_tags && body.not_tags.every((f) => has(image, f))) return false;
      if (body.not_tags_any && body.not_tags_any.some((f) => has(image, f))) return false;
    }
    for (const m of body.matches ?? []) {
      // resource_name: fuzzy (a substring) when a value is given, exact when it is empty; resource_id: exact.
      if (m.key === 'resource_id' && image.id !== m.value) return false;
      if (
        m.key === 'resource_name' &&
        (m.value === '' ? image.name !== m.value : !image.name.toLowerCase().includes(m.value.toLowerCase()))
      )
        return false;
    }
    return true;
  });
}

export function tagList(image: Image): Array<{ key: string; value: string }> {
  return [...image.tags].map(([key, value]) => ({ key, value }));
}

export function imageInfo(image: Image): Record<string, unknown> {
  const { tags, ...rest } = image;
  return { ...rest, tags: [...tags].map(([k, v]) => `${k}=${v}`) };
}

/** ListImages: filters, newest first, `marker` (the last ID seen) and `limit` paging. */
export function listImages(
  images: Image[],
  query: URLSearchParams,
): { images: Array<Record<string, unknown>> } | { error: string } {
  let list = images.slice().sort((a, b) => b.created_at.localeCompare(a.created_at) || a.id.localeCompare(b.id));
  for (const field of ['name', 'id', 'status', '__imagetype', '__os_type', '__platform', 'visibility', 'disk_format'] as const) {
    const v = query.get(field);
    if (v !== null && v !== '') list = list.filter((i) => String(i[field]) === v);
  }
  const tag = query.get('tag');
  if (tag) {
    const [k, ...rest] = tag.split('=');
    list = list.filter((i) => i.tags.has(k) && (rest.length === 0 || i.tags.get(k) === rest.join('=')));
  }
  const marker = query.get('marker');
  if (marker) {
    const at = list.findIndex((i) => i.id === marker);
    if (at < 0) return { error: `marker ${marker} is not an image of this listing` };
    list = list.slice(at + 1);
  }
  const limit = Number(query.get('limit') ?? 500);
  if (!Number.isInteger(limit) || limit < 1) return { error: 'limit must be a positive integer' };
  return { images: list.slice(0, limit).map(imageInfo) };
}

/** ListImagesTags: every key with the values it has across images (a key-only tag shows as ""). */
export function aggregateTags(images: Image[]): Array<{ key: string; values: string[] }> {
  const byKey = new Map<string, Set<string>>();
  for (const image of images) for (const [k, v] of image.tags) (byKey.get(k) ?? byKey.set(k, new Set()).get(k)!).add(v);
  return [...byKey].sort(([a], [b]) => a.localeCompare(b)).map(([key, values]) => ({ key, values: [...values].sort() }));
}
