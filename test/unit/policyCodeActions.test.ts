import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from 'vscode-languageserver';
import { doc, policy, service } from '../support/docs';

const ls = service();

/** Runs the first (or named) quick fix for the diagnostic with `code` and returns the new text. */
function fix(text: string, code: string, title?: string): { out: string; titles: string[] } {
  const d = doc(text);
  const diagnostics = ls.diagnostics(d).filter((x) => x.code === code);
  assert.ok(diagnostics.length > 0, `no ${code} diagnostic`);
  const actions = ls.codeActions(d, diagnostics);
  const action = title ? actions.find((a) => a.title === title) : actions[0];
  assert.ok(action, `no quick fix ${title ?? ''}`);
  const edits = action.edit!.changes![d.uri] as TextEdit[];
  return { out: TextDocument.applyEdits(d, edits), titles: actions.map((a) => a.title) };
}

test('replace an unknown action with the suggestion', () => {
  const { out, titles } = fix(
    policy('      "Effect": "Allow",\n      "Action": ["ims:images:updte", "ims:images:get"]'),
    'unknown-action',
  );
  assert.deepEqual(titles, ['Replace with "ims:images:update"']);
  assert.match(out, /\["ims:images:update", "ims:images:get"\]/);
  assert.deepEqual(ls.diagnostics(doc(out)), []);
});

test('add the dependent action ims:images:get', () => {
  const { out } = fix(policy('      "Effect": "Allow",\n      "Action": ["ims:images:update"]'), 'missing-dependent-action');
  assert.match(out, /\["ims:images:update", "ims:images:get"\]/);
  assert.deepEqual(ls.diagnostics(doc(out)), []);
});

test('remove a redundant action, in the middle and at the end of the list', () => {
  const mid = fix(
    policy('      "Effect": "Allow",\n      "Action": ["ims:images:*", "ims:images:list", "ecs:*:*"]'),
    'redundant-action',
  ).out;
  assert.match(mid, /\["ims:images:\*", "ecs:\*:\*"\]/);
  const end = fix(
    policy('      "Effect": "Allow",\n      "Action": ["ims:images:*", "ims:images:list"]'),
    'redundant-action',
  ).out;
  assert.match(end, /\["ims:images:\*"\]/);
});

test('fix the case of Effect, lower-case the service, choose a Version, correct an operator', () => {
  assert.match(fix(policy('      "Effect": "deny",\n      "Action": ["ims:*:*"]'), 'invalid-effect').out, /"Effect": "Deny"/);
  assert.match(
    fix(policy('      "Effect": "Allow",\n      "Action": ["IMS:images:list"]'), 'uppercase-service').out,
    /"ims:images:list"/,
  );
  assert.match(
    fix(policy('      "Effect": "Allow",\n      "Action": ["ims:*:*"]', '1'), 'invalid-version').out,
    /"Version": "1.1"/,
  );
  assert.match(
    fix(
      policy('      "Effect": "Allow",\n      "Action": ["ims:*:*"], "Condition": {"StringEqual": {"g:UserName": ["a"]}}'),
      'unknown-condition-operator',
    ).out,
    /"StringEquals": \{/,
  );
});

test('no quick fixes for diagnostics of other sources', () => {
  const d = doc(policy('      "Effect": "Allow",\n      "Action": ["ims:images:updte"]'));
  const foreign = ls.diagnostics(d).map((x) => ({ ...x, source: 'json' }));
  assert.deepEqual(ls.codeActions(d, foreign), []);
});
