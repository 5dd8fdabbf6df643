/**
 * Workspace text in hovers (core/util/markdown.ts): inline code that nothing inside can close, escaped
 * plain text, line breaks shown, and long values cut.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeMarkdown, inlineCode, MAX_SHOWN_LENGTH } from '../../core/util/markdown';

test('inline code: a fence longer than any backtick run, padded where the value touches it', () => {
  assert.equal(inlineCode('ims:images:list'), '`ims:images:list`');
  assert.equal(inlineCode('a`b'), '``a`b``');
  assert.equal(inlineCode('a``b`c'), '```a``b`c```');
  assert.equal(inlineCode('`a'), '`` `a ``');
  assert.equal(inlineCode('a`'), '`` a` ``');
  assert.equal(inlineCode(' a'), '`  a `');
  assert.equal(inlineCode('a '), '` a  `');
  assert.equal(inlineCode(''), '`  `');
});

test('line breaks of every kind are shown as a mark, not kept', () => {
  assert.equal(inlineCode('a\nb'), '`a ↵ b`');
  assert.equal(inlineCode('a\r\nb\rc\u2028d\u2029e'), '`a ↵ b ↵ c ↵ d ↵ e`');
  assert.equal(escapeMarkdown('a\n\nb'), 'a ↵  ↵ b');
});

test('long values are cut with an ellipsis', () => {
  const at = 'x'.repeat(MAX_SHOWN_LENGTH);
  assert.equal(inlineCode(at), `\`${at}\``);
  assert.equal(inlineCode(`${at}yz`), `\`${at}…\``);
  assert.equal(escapeMarkdown(`${at}y`), `${at}…`);
});

test('escapeMarkdown escapes what would render, and keeps the rest as written', () => {
  assert.equal(escapeMarkdown('![x](https://host/?k=v)'), '!\\[x\\](https\\://host/?k=v)');
  assert.equal(escapeMarkdown('*a* `b` <c> |d| \\e'), '\\*a\\* \\`b\\` \\<c\\> \\|d\\| \\\\e');
  assert.equal(escapeMarkdown('# title'), '\\# title', 'a heading at the start');
  assert.equal(escapeMarkdown('a # b#c'), 'a # b#c', 'a # elsewhere is text');
  assert.equal(escapeMarkdown('mail a@b.c, @x, y@'), 'mail a\\@b.c, @x, y@');
  assert.equal(escapeMarkdown('see www.example.com or WWW.x'), 'see www\\.example.com or WWW\\.x');
  assert.equal(escapeMarkdown('ims:images:list {{name}} a_b (c) d-e'), 'ims:images:list {{name}} a_b (c) d-e');
});
