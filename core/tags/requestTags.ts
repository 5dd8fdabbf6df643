/**
 * The tags an IMS call sets or removes, read from its path and body the way each API takes them
 * (docs/sources.md §A.2), for `g:RequestTag/<key>` and `g:TagKeys` conditions: the same reading for the
 * emulator's enforcement and the extension's predictions. A body that is not JSON leaves them unknown.
 */
import type { ImsApi } from '../catalogue';

type Tags = Record<string, string>;

const pairs = (v: unknown): Tags | undefined => {
  if (!Array.isArray(v)) return undefined;
  const out: Tags = {};
  for (const t of v)
    if (t && typeof t === 'object' && typeof t.key === 'string') out[t.key] = typeof t.value === 'string' ? t.value : '';
  return out;
};

/** The tags a tag write sets or removes, by API; `{}` for a call that touches none; undefined when unreadable. */
export function requestTags(api: ImsApi, params: Readonly<Record<string, string>>, raw: string): Tags | undefined {
  let body: Record<string, unknown> | undefined;
  if (api.bodySchema) {
    try {
      const parsed: unknown = JSON.parse(raw);
      body = parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : undefined;
    } catch {
      return undefined;
    }
  }
  switch (api.id) {
    case 'AddImageTag': {
      const tag = body?.tag as { key?: unknown; value?: unknown } | undefined;
      return typeof tag?.key === 'string' ? { [tag.key]: typeof tag.value === 'string' ? tag.value : '' } : undefined;
    }
    case 'BatchAddOrDeleteTags':
    case 'BatchDeleteTags':
      return pairs(body?.tags);
    case 'CreateOrUpdateTags': {
      const t = body?.image_tag as { key?: unknown; value?: unknown } | undefined;
      if (typeof t?.key === 'string') return { [t.key]: typeof t.value === 'string' ? t.value : '' };
      if (typeof body?.tag === 'string') {
        const dot = body.tag.indexOf('.');
        return dot < 0 ? { [body.tag]: '' } : { [body.tag.slice(0, dot)]: body.tag.slice(dot + 1) };
      }
      return undefined;
    }
    case 'DeleteImageTag':
      return params.key !== undefined ? { [params.key]: '' } : undefined;
    case 'GlanceCreateTag':
    case 'GlanceDeleteTag':
      return params.tag !== undefined ? { [params.tag]: '' } : undefined;
    default:
      return {};
  }
}

/** What a tag write does to one image: the image, the tags it sets, or the keys it removes. */
export interface TagWrite {
  /** The image (its path's, or CreateOrUpdateTags's body's); undefined when the call does not say. */
  imageId?: string;
  tags: Record<string, string>;
  removes: boolean;
}

/** A tag write read from its path and body (undefined for a call that writes no tag, or a body not read). */
export function tagWrite(api: ImsApi, params: Readonly<Record<string, string>>, raw: string): TagWrite | undefined {
  if (!api.tagApi || api.readOnly) return undefined;
  const tags = requestTags(api, params, raw);
  if (!tags) return undefined;
  const body = jsonObject(raw);
  const imageId = callImageId(params, raw);
  // BatchDeleteTags is no tag API of the catalogue (it deletes across images): it never gets here.
  const removes =
    api.id === 'DeleteImageTag' ||
    api.id === 'GlanceDeleteTag' ||
    (api.id === 'BatchAddOrDeleteTags' && body?.action === 'delete');
  return { imageId, tags, removes };
}

const jsonObject = (raw: string): Record<string, unknown> | undefined => {
  try {
    const v: unknown = JSON.parse(raw);
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
};

/** The image a call acts on: its path's, or (CreateOrUpdateTags) its body's `image_id`. */
export function callImageId(params: Readonly<Record<string, string>>, raw: string): string | undefined {
  const id = params.image_id ?? jsonObject(raw)?.image_id;
  return typeof id === 'string' ? id : undefined;
}
