/** Which API a request is, by method and path together (the .http services and the emulator share it). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { routeFor } from '../../core/http/imsRequest';
import { diags } from '../support/http';

const HOST = 'https://ims.cn-north-4.myhuaweicloud.com';

test('DELETE …/tags/action is DeleteImageTag of the key "action"; POST …/tags/action is BatchAddOrDeleteTags', () => {
  assert.equal(routeFor('DELETE', '/v2/p/images/i/tags/action').hit?.api.id, 'DeleteImageTag');
  assert.equal(routeFor('DELETE', '/v2/p/images/i/tags/action').hit?.params.key, 'action');
  assert.equal(routeFor('POST', '/v2/p/images/i/tags/action').hit?.api.id, 'BatchAddOrDeleteTags');
  // The most specific template wins among those of the method: "tags" is ListImagesTags, not an image ID.
  assert.equal(routeFor('GET', '/v2/p/images/tags').hit?.api.id, 'ListImagesTags');
  assert.equal(routeFor('POST', '/v2/p/images/resource_instances/action').hit?.api.id, 'ListImageByTags');
  // No API of the method: the others of the path, for "use POST".
  const put = routeFor('PUT', '/v2/p/images/i/tags/action');
  assert.equal(put.hit, undefined);
  assert.deepEqual(
    put.others.map((o) => o.api.id),
    ['BatchAddOrDeleteTags'],
  );
});

test('.http: DELETE …/tags/action gets no method-not-supported; a request line without a method is a GET', () => {
  assert.deepEqual(
    diags(`DELETE ${HOST}/v2/p1/images/img-1/tags/action\n`).map((d) => d.code),
    [],
  );
  // No method: GET, so ListImagesTags with no diagnostics, and a POST-only path says "use POST".
  assert.deepEqual(
    diags(`${HOST}/v2/p1/images/tags\n`).map((d) => d.code),
    [],
  );
  const noMethod = diags(`${HOST}/v2/p1/images/img-1/tags/action\n`);
  assert.deepEqual(
    noMethod.map((d) => d.code),
    ['method-not-supported'],
  );
  assert.match(noMethod[0].message, /^GET is not supported/);
});
