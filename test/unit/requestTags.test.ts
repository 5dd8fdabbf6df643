/**
 * The tags each IMS call sets or removes, read from its path and body (core/tags/requestTags.ts), for
 * `g:RequestTag/<key>` and `g:TagKeys`: every tag API's form, bodies of the wrong shape, and the tag write
 * (image, tags, removal) the emulator and the predictions share.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findApi } from '../../core/catalogue';
import { callImageId, requestTags, tagWrite } from '../../core/tags/requestTags';

const tags = (id: string, body: unknown, params: Record<string, string> = {}) =>
  requestTags(findApi(id)!, params, typeof body === 'string' ? body : JSON.stringify(body));

test('AddImageTag: the one tag of its body; a value that is not text is empty; no key, nothing read', () => {
  assert.deepEqual(tags('AddImageTag', { tag: { key: 'env', value: 'dev' } }), { env: 'dev' });
  assert.deepEqual(tags('AddImageTag', { tag: { key: 'env', value: 3 } }), { env: '' });
  assert.deepEqual(tags('AddImageTag', { tag: { key: 'env' } }), { env: '' });
  for (const body of [{ tag: { key: 1 } }, { tag: 'env' }, {}, 'null', '5', 'not json', '[]'])
    assert.equal(tags('AddImageTag', body), undefined, JSON.stringify(body));
});

test('the batch APIs: every {key, value} of `tags`; entries without a text key left out', () => {
  const body = {
    action: 'create',
    tags: [{ key: 'a', value: '1' }, { key: 'b' }, { key: 2, value: 'x' }, null, 'c', { key: 'd', value: {} }],
  };
  assert.deepEqual(tags('BatchAddOrDeleteTags', body, { image_id: 'i' }), { a: '1', b: '', d: '' });
  assert.deepEqual(tags('BatchDeleteTags', { tags: [{ key: 'k' }] }), { k: '' });
  assert.equal(tags('BatchDeleteTags', { tags: { key: 'k' } }), undefined);
  assert.equal(tags('BatchDeleteTags', {}), undefined);
});

test('CreateOrUpdateTags: image_tag {key, value}, or `tag` as key.value (the first dot splits)', () => {
  assert.deepEqual(tags('CreateOrUpdateTags', { image_id: 'i', image_tag: { key: 'k', value: 'v' } }), { k: 'v' });
  assert.deepEqual(tags('CreateOrUpdateTags', { image_tag: { key: 'k', value: null } }), { k: '' });
  assert.deepEqual(tags('CreateOrUpdateTags', { tag: 'k.v.w' }), { k: 'v.w' });
  assert.deepEqual(tags('CreateOrUpdateTags', { tag: 'k' }), { k: '' });
  assert.deepEqual(tags('CreateOrUpdateTags', { tag: '.v' }), { '': 'v' });
  assert.equal(tags('CreateOrUpdateTags', { tag: 5 }), undefined);
  assert.equal(tags('CreateOrUpdateTags', { image_tag: { value: 'v' } }), undefined);
});

test('path-only APIs: the tag key of the path; other APIs set no tag', () => {
  assert.deepEqual(tags('DeleteImageTag', '', { image_id: 'i', key: 'env' }), { env: '' });
  assert.equal(tags('DeleteImageTag', '', { image_id: 'i' }), undefined);
  assert.deepEqual(tags('GlanceCreateTag', '', { image_id: 'i', tag: 'blue' }), { blue: '' });
  assert.deepEqual(tags('GlanceDeleteTag', '', { image_id: 'i', tag: 'blue' }), { blue: '' });
  assert.equal(tags('GlanceDeleteTag', '', {}), undefined);
  assert.deepEqual(tags('ListImageTags', 'not json', { image_id: 'i' }), {}, 'no body read: nothing to judge');
  assert.deepEqual(tags('ListImages', ''), {});
});

test('a tag write: its image, its tags, and whether it removes them', () => {
  const write = (id: string, body: unknown, params: Record<string, string> = {}) =>
    tagWrite(findApi(id)!, params, typeof body === 'string' ? body : JSON.stringify(body));
  assert.deepEqual(write('AddImageTag', { tag: { key: 'k', value: 'v' } }, { image_id: 'i' }), {
    imageId: 'i',
    tags: { k: 'v' },
    removes: false,
  });
  assert.deepEqual(write('BatchAddOrDeleteTags', { action: 'delete', tags: [{ key: 'k' }] }, { image_id: 'i' }), {
    imageId: 'i',
    tags: { k: '' },
    removes: true,
  });
  assert.equal(write('BatchAddOrDeleteTags', { action: 'create', tags: [{ key: 'k' }] }, { image_id: 'i' })?.removes, false);
  // BatchDeleteTags is not one of the catalogue's tag APIs (it deletes across images): no tag write.
  assert.equal(write('BatchDeleteTags', { tags: [{ key: 'k' }] }, { image_id: 'i' }), undefined);
  assert.equal(write('DeleteImageTag', '', { image_id: 'i', key: 'k' })?.removes, true);
  assert.equal(write('GlanceDeleteTag', '', { image_id: 'i', tag: 'k' })?.removes, true);
  assert.equal(write('GlanceCreateTag', '', { image_id: 'i', tag: 'k' })?.removes, false);
  assert.deepEqual(write('CreateOrUpdateTags', { image_id: 'b', tag: 'k.v' }), {
    imageId: 'b',
    tags: { k: 'v' },
    removes: false,
  });
  // Reads write nothing; nor does a call whose tags cannot be read, nor one that is no tag API.
  assert.equal(write('ListImageTags', '', { image_id: 'i' }), undefined);
  assert.equal(write('ListTags', ''), undefined);
  assert.equal(write('AddImageTag', 'not json', { image_id: 'i' }), undefined);
  assert.equal(write('ListImages', ''), undefined);
});

test("the call's image: the path's first, else the body's image_id when it is text", () => {
  assert.equal(callImageId({ image_id: 'p' }, '{"image_id": "b"}'), 'p');
  assert.equal(callImageId({}, '{"image_id": "b"}'), 'b');
  assert.equal(callImageId({}, '{"image_id": 7}'), undefined);
  assert.equal(callImageId({}, 'not json'), undefined);
  assert.equal(callImageId({}, 'null'), undefined);
});
