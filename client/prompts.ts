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

/** One value offered by askChoiceOrText: what it stands for, and a description that may change while shown. */
export interface Offer {
  value: string;
  description: string;
}

/**
 * A value picked from `offers` or typed: typing shows "Use <typed>" first (Enter takes it), with the
 * problem `validate` finds in its detail (Enter then does nothing). `update` lets the caller change the
 * offers' descriptions while the picker is open (a check that answers later).
 */
export function askChoiceOrText(
  s: Step & {
    placeholder: string;
    offers: Offer[];
    validate: (v: string) => string | undefined;
    update?: (refresh: () => void) => void;
  },
): Promise<string | undefined> {
  type Item = vscode.QuickPickItem & { value: string; problem?: string };
  return new Promise((resolve) => {
    const qp = vscode.window.createQuickPick<Item>();
    qp.title = titleOf(s);
    qp.placeholder = s.placeholder;
    qp.ignoreFocusOut = true;
    qp.matchOnDescription = true;
    const render = () => {
      const typed = qp.value.trim();
      const offered: Item[] = s.offers.map((o) => ({ label: o.value, description: o.description, value: o.value }));
      // What was typed comes first: an offer it names exactly, else "Use <typed>".
      const exact = offered.findIndex((i) => i.value === typed);
      if (exact > 0) offered.unshift(...offered.splice(exact, 1));
      if (typed && exact < 0) {
        const problem = s.validate(typed);
        offered.unshift({
          label: `$(edit) ${vscode.l10n.t('Use {0}', typed)}`,
          detail: problem,
          value: typed,
          problem,
          alwaysShow: true,
        });
      }
      const active = qp.activeItems[0]?.value;
      qp.items = offered;
      const keep = offered.find((i) => i.value === active && !typed);
      if (keep) qp.activeItems = [keep];
    };
    render();
    qp.onDidChangeValue(render);
    s.update?.(render);
    let picked: string | undefined;
    qp.onDidAccept(() => {
      // The active item can lag behind items just set: what was typed decides, unless it only filtered
      // the offers down to the one picked.
      const typed = qp.value.trim();
      const active = qp.activeItems[0];
      const offered = (v: string | undefined) => s.offers.some((o) => o.value === v);
      const value = !typed
        ? active?.value
        : !offered(typed) && offered(active?.value) && active!.value.includes(typed)
          ? active!.value
          : typed;
      if (!value || s.validate(value)) return;
      picked = value;
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
