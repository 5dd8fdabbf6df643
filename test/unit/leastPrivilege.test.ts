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
  // AddImageTag needs update; update depends on get (the catalogue), which generators most often miss.
  const add = leastPrivilegePolicy(apis('AddImageTag'), '5.0');
  assert.deepEqual(add.policy, {
    Version: '5.0',
    Statement: [{ Effect: 'Allow', Action: ['ims:images:get', 'ims:images:update'] }],
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
      '        Action = ["ims:images:list"]',
      '      },',
      '    ]',
      '  })',
      '}',
      '',
    ].join('\n'),
  );
  assert.equal(terraformName('${x} y'), 'x_y');
});
