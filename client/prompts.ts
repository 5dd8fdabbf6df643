/**
 * Inputs of the multi-step flows: each names its step ("Connect to Huawei Cloud (2/4)"), has a
 * placeholder, and answers `undefined` on Escape, so the flow stops at the first Escape and changes
 * nothing.
 */
import * as vscode from 'vscode';
import { TAG_RULES } from '../core/catalogue';
import { isValidTagKey, isValidTagValue } from '../core/tags/tagInput';

export interface Step {
  /** The flow's title; with `step`/`total` it becomes "Title (step/total)". */
  title: string;
  step?: number;
  total?: number;
}

const titleOf = (s: Step) => (s.step && s.total ? `${s.title} (${s.step}/${s.total})` : s.title);

export function askText(
  s: Step & {
    prompt: string;
    placeholder: string;
    value?: string;
    password?: boolean;
    validate?: (v: string) => string | undefined;
  },
): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: titleOf(s),
    prompt: s.prompt,
    placeHolder: s.placeholder,
    value: s.value,
    password: s.password,
    ignoreFocusOut: true,
    validateInput: s.validate,
  });
}

export function askPick<T extends vscode.QuickPickItem>(
  s: Step & { placeholder: string; items: T[]; active?: T; matchDetails?: boolean },
): Promise<T | undefined> {
  return new Promise((resolve) => {
    const qp = vscode.window.createQuickPick<T>();
    qp.title = titleOf(s);
    qp.placeholder = s.placeholder;
    qp.items = s.items;
    qp.ignoreFocusOut = true;
    if (s.active) qp.activeItems = [s.active];
    qp.matchOnDescription = qp.matchOnDetail = s.matchDetails === true;
    let picked: T | undefined;
    qp.onDidAccept(() => {
      picked = qp.selectedItems[0] ?? qp.activeItems[0];
      qp.hide();
    });
    qp.onDidHide(() => {
      qp.dispose();
      resolve(picked);
    });
    qp.show();
  });
}

export const required = (v: string): string | undefined => (v.trim() ? undefined : vscode.l10n.t('This value is required.'));

export function tagKeyProblem(key: string): string | undefined {
  if (isValidTagKey(key)) return undefined;
  return vscode.l10n.t(
    'A tag key has 1–{0} characters: Chinese, letters, digits, space and _ . : + - @, not starting or ending with a space.',
    TAG_RULES.key.max,
  );
}

export function tagValueProblem(value: string): string | undefined {
  if (isValidTagValue(value)) return undefined;
  return vscode.l10n.t(
    'A tag value has 0–{0} characters: the key characters and /, not starting or ending with a space.',
    TAG_RULES.value.max,
  );
}

export interface TagInput {
  key: string;
  value: string;
}

/** Key, then value: two steps of one flow. */
export async function askTag(title: string, presetKey?: string, presetValue?: string): Promise<TagInput | undefined> {
  const total = presetKey === undefined ? 2 : 1;
  const key =
    presetKey ??
    (await askText({ title, step: 1, total, prompt: vscode.l10n.t('Tag key'), placeholder: 'env', validate: tagKeyProblem }));
  if (key === undefined) return undefined;
  const value = await askText({
    title,
    step: total,
    total,
    prompt: vscode.l10n.t('Value of {0}', key),
    placeholder: vscode.l10n.t('e.g. prod (may be empty)'),
    value: presetValue ?? '',
    validate: tagValueProblem,
  });
  return value === undefined ? undefined : { key, value };
}
