/** URL splitting, IMS hosts, and how requests to other hosts and unknown paths are told apart. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHttpFile } from '../../core/http/httpFile';
import { isImsHost, matchImsRequest, splitUrl } from '../../core/http/imsRequest';

const match = (text: string) => {
  const file = parseHttpFile(text);
  return matchImsRequest(file.requests[0], file.variables);
};

test('splitUrl: scheme, host up to the first / ? or # outside {{…}}, the path without query and fragment, its offset', () => {
  assert.deepEqual(splitUrl('https://h.example/a/b?x=1#f'), { host: 'h.example', path: '/a/b', pathOffset: 17 });
  assert.deepEqual(splitUrl('  http://h:8080/a  '), { host: 'h:8080', path: '/a', pathOffset: 15 });
  assert.deepEqual(splitUrl('/only/a/path?q'), { host: undefined, path: '/only/a/path', pathOffset: 0 });
  assert.deepEqual(splitUrl('h.example/a'), { host: 'h.example', path: '/a', pathOffset: 9 });
  assert.deepEqual(splitUrl('{{host}}/v2/x'), { host: '{{host}}', path: '/v2/x', pathOffset: 8 });
  assert.deepEqual(
    splitUrl('https://{{a/b}}/v2/x'),
    { host: '{{a/b}}', path: '/v2/x', pathOffset: 15 },
    'a / inside {{…}} is no path',
  );
  assert.deepEqual(splitUrl('https://{{unclosed/v2/x'), { host: '{{unclosed/v2/x', path: '', pathOffset: 23 });
  assert.deepEqual(splitUrl('https://h?x=1'), { host: 'h', path: '', pathOffset: 9 });
  assert.deepEqual(splitUrl('https://h#frag'), { host: 'h', path: '', pathOffset: 9 });
  assert.deepEqual(splitUrl('HTTPS://H/p'), { host: 'H', path: '/p', pathOffset: 9 }, 'the scheme in any case');
  assert.deepEqual(splitUrl('x https://h/p'), { host: 'x https:', path: '//h/p', pathOffset: 8 }, 'a scheme only at the start');
});

test('isImsHost: the region endpoint, with variables for parts of it; nothing else', () => {
  assert.ok(isImsHost('ims.cn-north-4.myhuaweicloud.com'));
  assert.ok(isImsHost('IMS.ap-southeast-1.myhuaweicloud.com:443'));
  assert.ok(isImsHost('ims.{{region}}.myhuaweicloud.com'));
  assert.ok(!isImsHost('ecs.cn-north-4.myhuaweicloud.com'));
  assert.ok(!isImsHost('ims.cn-north-4.myhuaweicloud.com.evil.example'));
  assert.ok(!isImsHost('{{host}}'));
  assert.ok(!isImsHost(undefined));
  assert.ok(!isImsHost(''));
});

test('another host: an IMS path is IMS; a path shared with no literal but a parameter is not claimed', () => {
  assert.equal(match('GET https://example.com/v2/p/images/tags')?.kind, 'api');
  // DELETE of a path only ListImages-like by parameters: other hosts' APIs are not ours to judge.
  assert.equal(match('PATCH https://example.com/v2/cloudimages')?.kind, 'wrongMethod', 'two literals: unmistakably IMS');
  assert.equal(match('GET https://example.com/totally/else'), undefined);
  // Under an IMS host, an unknown path gets the nearest templates, each path once.
  const near = match('GET https://ims.cn-north-4.myhuaweicloud.com/v2/p/images/tagz');
  assert.equal(near?.kind, 'unknownPath');
  assert.deepEqual(near?.kind === 'unknownPath' ? near.suggestions.map((a) => a.path) : [], ['/v2/{project_id}/images/tags']);
  const far = match('GET https://ims.cn-north-4.myhuaweicloud.com/v9/nothing/like/it/at/all');
  assert.deepEqual(far?.kind === 'unknownPath' ? far.suggestions : 'x', []);
  // A {{variable}} segment stands for a parameter and is no typo.
  const variable = match('GET https://ims.cn-north-4.myhuaweicloud.com/v2/{{p}}/imagez/{{id}}/tags');
  assert.deepEqual(variable?.kind === 'unknownPath' ? variable.suggestions.map((a) => a.path) : [], [
    '/v2/{project_id}/images/{image_id}/tags',
  ]);
});
