/**
 * Completion after `{{` in .http files: file, prompt, environment, request and system variables, each
 * with where it comes from and its current value (masked when it is a secret). Documentation is plain
 * text, never Markdown: a value cannot render there.
 */
import {
  CompletionItemKind,
  InsertTextFormat,
  Range,
  TextEdit,
  type CompletionItem,
  type CompletionList,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { requestName } from '../../core/http/httpFile';
import { resolveReference, type Resolution } from '../../core/http/variables/resolver';
import { mask, referenceTo } from '../../core/http/variables/references';
import { SYSTEM_VARIABLES } from '../../core/http/variables/systemVariables';
import { messages } from './messages';
import type { ParsedHttp } from './parsedHttp';
import type { ServiceContext } from './serviceContext';

/** At most this many variables in one answer (the list is marked incomplete past it). */
export const MAX_VARIABLE_ITEMS = 500;

/** The value as a hover or completion shows it: a secret (by its source or its use) masked. */
export function shownValue(r: Resolution): string | undefined {
  if (r.value === undefined) return undefined;
  return r.secret ? mask(r.value) : r.value;
}

export function variableCompletions(
  doc: TextDocument,
  parsed: ParsedHttp,
  line: { start: number; text: string },
  offset: number,
  ctx: ServiceContext,
): CompletionList | undefined {
  const before = line.text.slice(0, offset - line.start);
  const open = before.lastIndexOf('{{');
  if (open < 0 || before.indexOf('}}', open) >= 0) return undefined;
  const after = line.text.slice(offset - line.start);
  const closing = /^[^{}\n]*?\}\}/.exec(after)?.[0].length ?? 0;
  const range = Range.create(doc.positionAt(line.start + open + 2), doc.positionAt(offset + closing));
  // A file of 10,000 variables would send them all on every keystroke: past MAX_VARIABLE_ITEMS names,
  // what is typed after `{{` narrows them (as a subsequence: whatever the editor's fuzzy filter would
  // keep) and the list is marked incomplete, so the client asks again as the user types.
  const typed = before
    .slice(open + 2)
    .trimStart()
    .toLowerCase();
  const many =
    parsed.file.variables.length + (parsed.requestAt(offset)?.prompts.length ?? 0) + parsed.inputs.environment.variables.size >
    MAX_VARIABLE_ITEMS;
  let skipped = false;
  const wanted = (name: string) => {
    if (!many) return true;
    if (!isSubsequence(typed, name.toLowerCase())) return false;
    if (items.size < MAX_VARIABLE_ITEMS) return true;
    skipped = true;
    return false;
  };
  const m = messages(ctx.lang);
  const inputs = parsed.inputs;
  const request = parsed.requestAt(offset);
  const items = new Map<string, CompletionItem>();
  const plain = (name: string, sortGroup: string) => {
    // A name with a brace (`@{ = 1`, a stranger's) cannot be written between {{ }}: nothing to offer.
    if (items.has(name) || /[{}]/.test(name) || !wanted(name)) return;
    const ref = referenceTo(name);
    const r = ref && resolveReference(inputs, ref, request);
    if (!r) return;
    const value = shownValue(r);
    items.set(name, {
      label: name,
      kind: CompletionItemKind.Variable,
      detail: r.detail,
      documentation: value === undefined ? m.variableNoValueYet() : value,
      sortText: `${sortGroup}${name}`,
      textEdit: TextEdit.replace(range, `${name}}}`),
    });
  };
  // Precedence order: what wins is listed first and named by its source.
  for (const v of parsed.file.variables) plain(v.name, '1');
  for (const p of request?.prompts ?? []) plain(p.name, '2');
  for (const name of inputs.environment.variables.keys()) plain(name, '3');
  // httpyac's .env names and the names the file's scripts set (plain() keeps those the dialect accepts).
  for (const f of inputs.dotenvVariables ?? []) for (const e of f.entries) plain(e.name, '3');
  for (const v of parsed.file.scriptVariables) plain(v.name, '3');
  for (const r of parsed.file.requests) {
    const name = requestName(r, inputs.dialect);
    if (!name) continue;
    const token = /\/v3\/auth\/tokens\b/.test(r.fullUrl) && (r.method?.text ?? 'GET').toUpperCase() === 'POST';
    const forms = [
      `${name}.response.body.$.`,
      `${name}.response.headers.`,
      ...(token ? [`${name}.response.headers.X-Subject-Token`] : []),
    ];
    for (const form of forms)
      items.set(form, {
        label: form,
        kind: CompletionItemKind.Reference,
        detail: m.requestVariableDetail(name),
        sortText: `4${form}`,
        textEdit: TextEdit.replace(range, form.endsWith('.') ? form : `${form}}}`),
        ...(form.endsWith('.') ? { command: { title: '', command: 'editor.action.triggerSuggest' } } : {}),
      });
  }
  for (const s of SYSTEM_VARIABLES) {
    const args = s.example.slice(s.name.length).trim().split(/\s+/).filter(Boolean);
    const snippet = [s.name.replace('$', '\\$'), ...args.map((a, i) => `\${${i + 1}:${a}}`)].join(' ');
    items.set(s.name, {
      label: s.name,
      kind: CompletionItemKind.Function,
      detail: s.syntax,
      documentation: s.doc,
      sortText: `5${s.name}`,
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: TextEdit.replace(range, `${snippet}}}`),
    });
  }
  return { isIncomplete: skipped, items: [...items.values()] };
}

/** Whether the characters of `typed` appear in `name` in order. */
function isSubsequence(typed: string, name: string): boolean {
  let at = 0;
  for (const ch of typed) {
    at = name.indexOf(ch, at) + 1;
    if (at === 0) return false;
  }
  return true;
}
