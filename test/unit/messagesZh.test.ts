/** Diagnostics and quick-fix titles in Simplified Chinese when the display language is Chinese. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getLanguageService } from '../../server/languageService';
import { doc, policy } from '../support/docs';
import { allowList, policySource } from '../support/policies';

const zh = getLanguageService({
  lang: () => 'zh',
  policies: () => [policySource('file:///ws/read.json', allowList(['ims:images:list']))],
});

test('policy diagnostics and their quick fixes in Chinese', () => {
  const d = doc(policy('      "Effect": "allow",\n      "Action": ["ims:images:updte"]'));
  const ds = zh.diagnostics(d);
  const messages = ds.map((x) => String(x.message));
  assert.ok(messages.includes('未知的 IMS 授权项 "ims:images:updte"。您是否想输入 \'ims:images:update\'？'), messages.join('\n'));
  assert.ok(messages.includes('无效的 Effect "allow"：请使用 "Allow" 或 "Deny"（区分大小写）。'));
  assert.deepEqual(
    zh
      .codeActions(d, ds)
      .map((a) => a.title)
      .sort(),
    ['替换为 "Allow"', '替换为 "ims:images:update"'],
  );
});

test('.http diagnostics in Chinese, with the tag rule quoted in Chinese', () => {
  const d = doc(
    'POST https://ims.cn-north-4.myhuaweicloud.com/v2/p/images/i/tags\nContent-Type: application/json\n\n{"tag": {"key": "a=b", "value": ""}}\n',
    'http',
  );
  const messages = zh.diagnostics(d).map((x) => String(x.message));
  assert.ok(
    messages.some((m) => m.startsWith('标签键 "a=b" 不符合规则：1–128 个字符：中文')),
    messages.join('\n'),
  );
  assert.ok(messages.includes('工作区中没有策略授予 AddImageTag 需要的 "ims:images:update"。'), messages.join('\n'));
});
