/** Quick fixes for policy diagnostics: replace with a suggestion, add a dependent action, remove a redundant one. */
import { findNodeAtOffset } from 'jsonc-parser';
import { Range, TextEdit, type CodeAction, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { PolicyFix } from './policy/fixes';
import type { ParsedPolicy } from './parsedPolicy';
import { fixable, quickFix } from './quickFix';
import { messages } from './messages';
import type { Lang } from '../../core/catalogue';
import type { ServiceContext } from './serviceContext';

function edit(doc: TextDocument, title: string, diagnostic: Diagnostic, edits: TextEdit[], preferred = false): CodeAction {
  return quickFix(title, diagnostic, { changes: { [doc.uri]: edits } }, preferred);
}

/** The range that removes one array item with its separating comma. */
function itemRemovalRange(doc: TextDocument, parsed: ParsedPolicy, range: Range): Range | undefined {
  const offset = doc.offsetAt(range.start);
  const node = findNodeAtOffset(parsed.json.tree!, offset + 1, false);
  const array = node?.parent;
  if (!node || array?.type !== 'array' || !array.children) return undefined;
  const i = array.children.indexOf(node);
  const next = array.children[i + 1];
  const prev = array.children[i - 1];
  if (next) return Range.create(doc.positionAt(node.offset), doc.positionAt(next.offset));
  if (prev) return Range.create(doc.positionAt(prev.offset + prev.length), doc.positionAt(node.offset + node.length));
  return Range.create(doc.positionAt(node.offset), doc.positionAt(node.offset + node.length));
}

export function getCodeActions(
  doc: TextDocument,
  parsed: ParsedPolicy,
  diagnostics: Diagnostic[],
  ctx: ServiceContext,
): CodeAction[] {
  const lang: Lang = ctx.lang;
  const m = messages(lang);
  const model = parsed.model;
  if (!model) return [];
  const actions: CodeAction[] = [];
  for (const { diagnostic: d, fix } of fixable<PolicyFix>(diagnostics)) {
    switch (fix.kind) {
      case 'replace':
        fix.values.forEach((v, i) =>
          actions.push(edit(doc, m.replaceWith(v), d, [TextEdit.replace(d.range, JSON.stringify(v))], i === 0)),
        );
        break;
      case 'addAction': {
        const st = model.statements.find((s) => s.index === fix.statement);
        const array = st?.actionsNode;
        if (array?.type !== 'array') break;
        const last = array.children?.[array.children.length - 1];
        const insert = last
          ? TextEdit.insert(doc.positionAt(last.offset + last.length), `, ${JSON.stringify(fix.action)}`)
          : TextEdit.insert(doc.positionAt(array.offset + 1), JSON.stringify(fix.action));
        actions.push(edit(doc, m.addToStatement(fix.action), d, [insert], true));
        break;
      }
      case 'removeItem': {
        const range = itemRemovalRange(doc, parsed, d.range);
        if (range) actions.push(edit(doc, m.removeRedundant(), d, [TextEdit.del(range)], true));
        break;
      }
    }
  }
  return actions;
}
