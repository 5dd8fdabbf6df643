/**
 * The emulator's images and their tags, with the IMS tag semantics (docs/sources.md §A): upserts for
 * AddImageTag and batch create, deletes that ignore missing tags except DeleteImageTag (404), legacy
 * `key.value` strings split at the first dot, key-only OpenStack-native tags, and the tag-count quota.
 */
import { randomInt, seededRandom } from '../core/util/random';

export interface Image {
  id: string;
  name: string;
  status: string;
  __imagetype: 'private' | 'gold' | 'shared';
  __os_type: string;
  __platform: string;
  visibility: string;
  min_disk: number;
  disk_format: string;
  created_at: string;
  /** Insertion-ordered key → value. */
  tags: Map<string, string>;
}

export class TagQuotaError extends Error {}

const WORDS = ['web', 'db', 'cache', 'batch', 'gateway', 'ml', 'build', 'edge', 'auth', 'search'];
const PLATFORMS: Array<[string, string]> = [
  ['Linux', 'Ubuntu'],
  ['Linux', 'CentOS'],
  ['Linux', 'EulerOS'],
  ['Windows', 'Windows'],
  ['Linux', 'Debian'],
];
const TAG_KEYS = ['env', 'team', 'owner', 'cost-center', 'app'];
const TAG_VALUES: Record<string, string[]> = {
  env: ['prod', 'staging', 'dev'],
  team: ['core', 'data', 'web'],
  owner: ['alice', 'bob'],
  'cost-center': ['cc-100', 'cc-200'],
  app: ['shop', 'blog', 'api'],
};

function uuid(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => randomInt(random, 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Deterministic images for a seed: names, types, platforms, and tags on about two images in three. */
export function seedImages(seed: number, count: number): Image[] {
  const random = seededRandom(seed);
  const images: Image[] = [];
  const start = Date.UTC(2025, 0, 1);
  for (let i = 0; i < count; i++) {
    const [os, platform] = PLATFORMS[randomInt(random, PLATFORMS.length)];
    const type = i % 10 === 9 ? 'shared' : 'private';
    const tags = new Map<string, string>();
    if (randomInt(random, 3) > 0) {
      for (const key of TAG_KEYS)
        if (randomInt(random, 2) === 0) tags.set(key, TAG_VALUES[key][randomInt(random, TAG_VALUES[key].length)]);
    }
    images.push({
      id: uuid(random),
      name: `${WORDS[randomInt(random, WORDS.length)]}-${platform.toLowerCase()}-${String(i + 1).padStart(4, '0')}`,
      status: 'active',
      __imagetype: type,
      __os_type: os,
      __platform: platform,
      visibility: type === 'shared' ? 'shared' : 'private',
      min_disk: 40,
      disk_format: 'zvhd2',
      created_at: new Date(start + i * 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      tags,
    });
  }
  return images;
}

export class ImageStore {
  private readonly byId = new Map<string, Image>();

  constructor(
    images: Image[],
    readonly maxTags: number,
  ) {
    for (const image of images) this.byId.set(image.id, image);
  }

  get(id: string): Image | undefined {
    return this.byId.get(id);
  }

  all(): Image[] {
    return [...this.byId.values()];
  }

  /** Upserts tags all at once: either every tag is set or, over the quota, none. */
  setTags(image: Image, tags: Array<{ key: string; value: string }>): void {
    const keys = new Set(image.tags.keys());
    for (const t of tags) keys.add(t.key);
    if (keys.size > this.maxTags)
      throw new TagQuotaError(`An image can have at most ${this.maxTags} tags; this would make ${keys.size}.`);
    for (const t of tags) image.tags.set(t.key, t.value);
  }

  /** Removes tags; a missing one (or one with another value, when a value is given) is fine. */
  deleteTags(image: Image, tags: Array<{ key: string; value?: string }>): void {
    for (const t of tags)
      if (t.value === undefined || t.value === '' || image.tags.get(t.key) === t.value) image.tags.delete(t.key);
  }

  toJSON(): unknown {
    return this.all().map((i) => ({ ...i, tags: [...i.tags] }));
  }

  static fromJSON(data: unknown, maxTags: number): ImageStore {
    const images = (data as Array<Image & { tags: Array<[string, string]> }>).map((i) => ({ ...i, tags: new Map(i.tags) }));
    return new ImageStore(images, maxTags);
  }
}

/** The legacy `key.value` tag string of CreateOrUpdateTags: split at the first dot; no dot, empty value. */
export function splitLegacyTag(tag: string): { key: string; value: string } {
  const i = tag.indexOf('.');
  return i < 0 ? { key: tag, value: '' } : { key: tag.slice(0, i), value: tag.slice(i + 1) };
}
