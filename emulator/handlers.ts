/**
 * The IMS routes: one handler per catalogue API, over the image store, with the documented status
 * codes and bodies. Bodies arrive already checked against the API's schema.
 */
import { TAG_RULES, type ImsApi } from '../core/catalogue';
import { validateBody } from '../core/http/bodyValidation';
import { HttpError, notFound, type Answer } from './http';
import { aggregateTags, imagesByTags, listImages, tagList, type ByTagsBody } from './queries';
import { splitLegacyTag, type Image, type ImageStore } from './store';

export type Handler = (params: Record<string, string>, body: unknown, query: URLSearchParams) => Answer;

type KeyValue = { key: string; value: string };

/** 400 with the rule that was broken: IMG.0115 for a tag problem, IMG.0001 for anything else. */
export function checkBody(api: ImsApi, body: unknown): void {
  const errors = validateBody(api, body);
  if (errors.length === 0) return;
  const tagProblem = errors.some((e) => /\/(key|value)$/.test(e.instancePath) || e.keyword === 'maxItems');
  const detail = errors.map((e) => `${e.instancePath || 'body'} ${e.message}`).join('; ');
  throw new HttpError(400, tagProblem ? 'IMG.0115' : 'IMG.0001', `invalid request body: ${detail}`);
}

export function imsHandlers(store: ImageStore): Record<string, Handler> {
  const image = (id: string): Image => {
    const found = store.get(id);
    if (!found) throw notFound(`image ${id}`);
    return found;
  };
  /** The two single-tag deletes are not idempotent: a key that is not there answers 404. */
  const deleteExisting = (imageId: string, key: string): Answer => {
    const img = image(imageId);
    if (!img.tags.has(key)) throw notFound(`tag ${key}`);
    img.tags.delete(key);
    return { status: 204 };
  };
  return {
    GlanceCreateTag: (p) => {
      if (p.tag.includes('=') || p.tag.length > TAG_RULES.nativeTagMax) {
        throw new HttpError(400, 'IMG.0115', `tag ${p.tag} is invalid: at most ${TAG_RULES.nativeTagMax} characters, no "="`);
      }
      store.setTags(image(p.image_id), [{ key: p.tag, value: '' }]);
      return { status: 204 };
    },
    GlanceDeleteTag: (p) => deleteExisting(p.image_id, p.tag),
    CreateOrUpdateTags: (_p, body) => {
      const b = body as { image_id: string; tag?: string; image_tag?: KeyValue };
      store.setTags(image(b.image_id), [b.image_tag ?? splitLegacyTag(b.tag!)]);
      return { status: 204 };
    },
    ListTags: (_p, _b, q) => {
      const all = [...new Set(store.all().flatMap((i) => [...i.tags].map(([k, v]) => `${k}=${v}`)))].sort();
      const limit = Number(q.get('limit') ?? all.length) || all.length;
      const page = Math.max(1, Number(q.get('page') ?? 1));
      return { status: 200, body: { tags: all.slice((page - 1) * limit, page * limit) } };
    },
    ListImageByTags: (_p, body) => {
      const b = body as ByTagsBody;
      const matched = imagesByTags(store.all(), b);
      if (b.action === 'count') return { status: 200, body: { total_count: matched.length } };
      const offset = Number(b.offset ?? '0');
      const limit = Number(b.limit ?? '10');
      const resources = matched.slice(offset, offset + limit).map((i) => ({
        resource_id: i.id,
        resource_name: i.name,
        resource_detail: { status: i.status },
        tags: tagList(i),
      }));
      return { status: 200, body: { total_count: matched.length, resources } };
    },
    BatchAddOrDeleteTags: (p, body) => {
      const b = body as { action: 'create' | 'delete'; tags: KeyValue[] };
      const keys = b.tags.map((t) => t.key);
      if (new Set(keys).size !== keys.length) throw new HttpError(400, 'IMG.0115', 'tag keys must be unique in one request');
      const img = image(p.image_id);
      if (b.action === 'create') store.setTags(img, b.tags);
      else store.deleteTags(img, b.tags);
      return { status: 204 };
    },
    AddImageTag: (p, body) => {
      store.setTags(image(p.image_id), [(body as { tag: KeyValue }).tag]);
      return { status: 204 };
    },
    DeleteImageTag: (p) => deleteExisting(p.image_id, p.key),
    ListImageTags: (p) => ({ status: 200, body: { tags: tagList(image(p.image_id)) } }),
    ListImagesTags: () => ({ status: 200, body: { tags: aggregateTags(store.all()) } }),
    BatchDeleteTags: (p, body) => {
      store.deleteTags(image(p.image_id), (body as { tags: Array<{ key: string; value?: string }> }).tags);
      return { status: 204 };
    },
    ListImages: (_p, _b, q) => {
      const r = listImages(store.all(), q);
      if ('error' in r) throw new HttpError(400, 'IMG.0001', r.error);
      return { status: 200, body: r };
    },
  };
}
