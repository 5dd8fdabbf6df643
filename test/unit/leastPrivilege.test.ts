/** Least-privilege policies: exactly the needed actions and their dependencies, clean under our own diagnostics, and as Terraform. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { findApi } from '../../core/catalogue';
import { leastPrivilegePolicy, terraformBlock, terraformName } from '../../core/policy/leastPrivilege';
import { getLanguageService } from '../../server/languageService';

const apis = (...ids: string[]) => ids.map((id) => findApi(id)!);
const ls = getLanguageService({ lang: () => 'en' });

test('the actions of the APIs, once each, with what they depend on', () => {
  assert.deepEqual(leastPrivilegePolicy(apis('ListImageTags', 'ListTags'), '1.1').policy.Statement[0].Action, [
    'ims:images:list',
  ]);
  // AddImageTag needs update in 1.1; update depends on get (the catalogue), which generators most often miss.
  assert.deepEqual(leastPrivilegePolicy(apis('AddImageTag'), '1.1').policy, {
    Version: '1.1',
    Statement: [{ Effect: 'Allow', Action: ['ims:images:get', 'ims:images:update'] }],
  });
  // In 5.0 it is setTags (the schema's operation), and a query of tags getTags.
  assert.deepEqual(leastPrivilegePolicy(apis('AddImageTag', 'ListImageTags'), '5.0').policy, {
    Version: '5.0',
    Statement: [{ Effect: 'Allow', Action: ['ims:images:getTags', 'ims:images:setTags'] }],
  });
  assert.deepEqual(leastPrivilegePolicy(apis('AddImageTag', 'AddImageTag'), '1.1').apis, ['AddImageTag']);
});

test('what it generates is clean under our own diagnostics, in both versions', () => {
  for (const version of ['1.1', '5.0'] as const) {
    for (const ids of [['AddImageTag'], ['GlanceCreateTag', 'ListImages', 'BatchDeleteTags'], ['ListImagesTags']]) {
      const text = JSON.stringify(leastPrivilegePolicy(apis(...ids), version).policy, null, 2);
      const doc = TextDocument.create(`file:///lp-${version}-${ids.join('-')}.json`, 'json', 1, text);
      assert.deepEqual(ls.diagnostics(doc), [], `${version} ${ids.join(', ')}`);
    }
  }
});

test('5.0 scoped to the images of the job: setTags on their URNs, actions without a resource type on *', () => {
  const lp = leastPrivilegePolicy(apis('AddImageTag', 'ListImages'), '5.0', undefined, {
    imageIds: ['img-1', 'img-2'],
    region: 'cn-north-4',
    account: 'acc',
  });
  assert.equal(lp.scoped, true);
  assert.deepEqual(lp.policy.Statement, [
    {
      Effect: 'Allow',
      Action: ['ims:images:setTags'],
      Resource: ['ims:cn-north-4:acc:image:img-1', 'ims:cn-north-4:acc:image:img-2'],
    },
    { Effect: 'Allow', Action: ['ims:images:list'], Resource: ['*'] },
  ]);
  const text = JSON.stringify(lp.policy, null, 2);
  assert.deepEqual(ls.diagnostics(TextDocument.create('file:///lp-scoped.json', 'json', 1, text)), [], 'clean, URNs included');
});

test('Terraform: a role with the JSON in a heredoc, or a 5.0 policy with jsonencode in HCL object syntax', () => {
  const role = terraformBlock(leastPrivilegePolicy(apis('AddImageTag'), '1.1'), 'IMS tagger');
  assert.match(role, /^resource "huaweicloud_identity_role" "ims_tagger" \{\n {2}name {8}= "IMS tagger"\n {2}type {8}= "XA"\n/);
  const heredoc = /<<EOF\n([\s\S]*)\nEOF\n\}/.exec(role)![1];
  assert.deepEqual(JSON.parse(heredoc).Statement[0].Action, ['ims:images:get', 'ims:images:update']);
  const v5 = terraformBlock(leastPrivilegePolicy(apis('ListTags'), '5.0'), '9-lives');
  assert.equal(
    v5,
    [
      'resource "huaweicloud_identityv5_policy" "policy_9_lives" {',
      '  name            = "9-lives"',
      '  description     = "Least privilege for ListTags"',
      '  policy_document = jsonencode({',
      '    Version   = "5.0"',
      '    Statement = [',
      '      {',
      '        Effect = "Allow"',
      '        Action = ["ims:images:getTags"]',
      '      },',
      '    ]',
      '  })',
      '}',
      '',
    ].join('\n'),
  );
  assert.equal(terraformName('${x} y'), 'x_y');
});

test('5.0 scoped by a tag: the tag actions get the condition (images tagged team = blue, only these keys), list stays plain', () => {
  const lp = leastPrivilegePolicy(apis('AddImageTag', 'ListImageTags', 'ListImages'), '5.0', undefined, undefined, {
    resourceTag: { key: 'team', value: 'blue' },
    tagKeys: ['env', 'owner'],
  });
  assert.deepEqual(lp.policy.Statement, [
    {
      Effect: 'Allow',
      Action: ['ims:images:getTags', 'ims:images:setTags'],
      Condition: {
        StringEquals: { 'g:ResourceTag/team': 'blue' },
        'ForAllValues:StringEquals': { 'g:TagKeys': ['env', 'owner'] },
      },
    },
    { Effect: 'Allow', Action: ['ims:images:list'] },
  ]);
  const text = JSON.stringify(lp.policy, null, 2);
  assert.deepEqual(
    ls.diagnostics(TextDocument.create('file:///lp-tags.json', 'json', 1, text)),
    [],
    'clean under our own checks',
  );
});

test('Terraform: ${ and %{ in a name or a tag value are escaped, so Terraform reads them as written', () => {
  const role = terraformBlock(leastPrivilegePolicy(apis('AddImageTag'), '1.1'), 'team ${var.env} %{if x}');
  assert.match(role, /\n {2}name {8}= "team \$\$\{var\.env\} %%\{if x\}"\n/);
  const lp = leastPrivilegePolicy(apis('ListImageTags'), '5.0', undefined, undefined, {
    resourceTag: { key: 'team', value: '${local.team}' },
  });
  assert.match(terraformBlock(lp, 'x'), /"g:ResourceTag\/team" = "\$\$\{local\.team\}"\n/);
});

test('Terraform: condition keys that are no HCL identifiers are quoted', () => {
  const lp = leastPrivilegePolicy(apis('ListImageTags'), '5.0', undefined, undefined, {
    resourceTag: { key: 'team', value: 'blue' },
  });
  const block = terraformBlock(lp, 'blue-reader');
  assert.match(block, /Condition = \{\n\s+StringEquals = \{\n\s+"g:ResourceTag\/team" = "blue"\n/);
});

test('a tag scope of keys alone limits setTags to those keys; 1.1 and an unscoped 5.0 policy are not scoped', () => {
  const keysOnly = leastPrivilegePolicy(apis('AddImageTag'), '5.0', undefined, undefined, { tagKeys: ['env'] });
  assert.deepEqual(keysOnly.policy.Statement, [
    { Effect: 'Allow', Action: ['ims:images:setTags'], Condition: { 'ForAllValues:StringEquals': { 'g:TagKeys': ['env'] } } },
  ]);
  assert.equal(leastPrivilegePolicy(apis('AddImageTag'), '1.1').scoped, false);
  assert.equal(leastPrivilegePolicy(apis('ListTags'), '5.0').scoped, false);
  assert.equal(terraformName('x__'), 'x');
  assert.equal(terraformName('__x'), 'x');
});

test('Terraform of two APIs: both named in the description, a list of two on one line; the 1.1 block whole', () => {
  const two = terraformBlock(leastPrivilegePolicy(apis('AddImageTag', 'ListImageTags'), '5.0'), 'two');
  assert.match(two, /\n {2}description {5}= "Least privilege for AddImageTag, ListImageTags"\n/);
  assert.match(two, /\n {8}Action = \["ims:images:getTags", "ims:images:setTags"\]\n/);
  const one = terraformBlock(leastPrivilegePolicy(apis('AddImageTag'), '1.1'), 'one');
  assert.match(one, /\n {2}description = "Least privilege for AddImageTag"\n {2}policy {6}= <<EOF\n/);
  assert.ok(one.endsWith('\nEOF\n}\n'), 'the block ends after its heredoc');
});
