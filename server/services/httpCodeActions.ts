/** Quick fixes for .http diagnostics: rewrite a deprecated API, add Content-Type, fix the method, grant missing actions. */
import { decodeSafely } from '../../core/util/decode';
import { CodeActionKind, Range, TextEdit, type CodeAction, type Diagnostic, type WorkspaceEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { findApi } from '../../core/catalogue';
import type { HttpRequest } from '../../core/http/httpFile';
import { splitUrl } from '../../core/http/imsRequest';
import type { PolicySource } from '../../core/policy/evaluator';
import type { Node } from 'jsonc-parser';
import type { HttpFix } from './http/fixes';
import { fixable, quickFix } from './quickFix';
import { SELECT_HTTP_ENVIRONMENT_COMMAND, SHOW_DOCUMENT_COMMAND } from '../../core/protocol';
import { messages, type Messages } from './messages';
import type { ParsedHttp } from './parsedHttp';
import { fileName } from './policyVerdict';
import type { ServiceContext } from './serviceContext';

/** At most this many policy files are offered as targets for "grant the missing actions". */
const MAX_POLICY_TARGETS = 5;

/** The OpenStack-native request rewritten to AddImageTag / DeleteImageTag, keeping scheme and host. */
function rewriteDeprecated(doc: TextDocument, parsed: ParsedHttp, request: HttpRequest, to: string): TextEdit[] | undefined {
  const match = parsed.match(request);
  const target = findApi(to);
  if (match?.kind !== 'api' || !target) return undefined;
  const original = request.url.text;
  const { pathOffset } = splitUrl(original);
  const prefix = original.slice(0, pathOffset);
  const segs = splitUrl(original).path.split('/').filter(Boolean); // v2 images {image} tags {tag}
  const image = segs[2] ?? '{{imageId}}';
  const tag = segs[4] ?? '{{tagKey}}';
  const line = Range.create(doc.positionAt(request.requestLine.start), doc.positionAt(request.requestLine.end));
  if (to === 'DeleteImageTag') return [TextEdit.replace(line, `DELETE ${prefix}/v2/{{projectId}}/images/${image}/tags/${tag}`)];
  const headers = request.headers
    .filter((h) => h.name.text.toLowerCase() !== 'content-type')
    .map((h) => `${h.name.text}: ${h.value.text}`);
  const block = [
    `POST ${prefix}/v2/{{projectId}}/images/${image}/tags`,
    ...headers,
    `Content-Type: ${target.contentType}`,
    '',
    JSON.stringify({ tag: { key: decodeSafely(tag), value: '' } }, null, 2),
  ].join('\n');
  const end = request.body
    ? request.body.span.end
    : request.headers.length
      ? request.headers[request.headers.length - 1].value.span.end
      : request.requestLine.end;
  return [TextEdit.replace(Range.create(doc.positionAt(request.requestLine.start), doc.positionAt(end)), block)];
}

/** Where the new actions go, in the array's own layout: one a line with the last item's indent, or inline. */
function appendToArray(source: PolicySource, array: Node, actions: string[]): { offset: number; text: string } {
  const items = array.children ?? [];
  const last = items[items.length - 1];
  const text = source.text ?? '';
  if (!last) return { offset: array.offset + 1, text: actions.map((a) => JSON.stringify(a)).join(', ') };
  const lineStart = text.lastIndexOf('\n', last.offset - 1) + 1;
  const before = text.slice(lineStart, last.offset);
  // Items on lines of their own (only white space before the last one): the new ones get lines too.
  if (items.length > 0 && /^[ \t]*$/.test(before) && text.slice(array.offset, last.offset).includes('\n')) {
    return { offset: last.offset + last.length, text: actions.map((a) => `,\n${before}${JSON.stringify(a)}`).join('') };
  }
  return { offset: last.offset + last.length, text: actions.map((a) => `, ${JSON.stringify(a)}`).join('') };
}

/**
 * "Grant … in file (statement n)": an edit of the policy document that the client applies to the
 * document (opening it), then `imsTags.showDocument` brings it into view at the new actions.
 */
function grantEdits(
  policies: readonly PolicySource[],
  actions: string[],
  m: Messages,
): Array<{ title: string; edit: WorkspaceEdit; show: { uri: string; range: Range } }> {
  const out: Array<{ title: string; edit: WorkspaceEdit; show: { uri: string; range: Range } }> = [];
  for (const source of policies) {
    if (out.length >= MAX_POLICY_TARGETS || !source.positionAt) break;
    const st = source.model.statements.find(
      (s) => s.effect === 'Allow' && s.actionKey === 'Action' && s.actionsNode?.type === 'array',
    );
    if (!st) continue;
    const insert = appendToArray(source, st.actionsNode!, actions);
    const at = source.positionAt(insert.offset);
    // Where the first new action stands once the edit is applied.
    const before = insert.text.slice(0, insert.text.indexOf('"')).split('\n');
    const line = at.line + before.length - 1;
    const character = before.length > 1 ? before[before.length - 1].length : at.character + before[0].length;
    out.push({
      title: m.grantIn(actions.join(', '), source.label ?? fileName(source.uri), st.index + 1),
      edit: { changes: { [source.uri]: [TextEdit.insert(at, insert.text)] } },
      show: { uri: source.uri, range: Range.create(line, character, line, character) },
    });
  }
  return out;
}

/** The server command that shows a document (window/showDocument), for quick fixes that edit another file. */

export function getHttpCodeActions(
  doc: TextDocument,
  parsed: ParsedHttp,
  diagnostics: Diagnostic[],
  ctx: ServiceContext,
): CodeAction[] {
  const { lang, policies } = ctx;
  const m = messages(lang);
  const actions: CodeAction[] = [];
  for (const { diagnostic: d, fix } of fixable<HttpFix>(diagnostics)) {
    switch (fix.kind) {
      case 'rewriteDeprecated': {
        const request = parsed.file.requests[fix.request];
        const edits = request && rewriteDeprecated(doc, parsed, request, fix.to);
        if (edits) actions.push(quickFix(m.rewriteAs(fix.to), d, { changes: { [doc.uri]: edits } }, true));
        break;
      }
      case 'addContentType': {
        const request = parsed.file.requests[fix.request];
        if (!request) break;
        const at = doc.positionAt(request.requestLine.end);
        actions.push(
          quickFix(
            m.addContentType(fix.value),
            d,
            { changes: { [doc.uri]: [TextEdit.insert(at, `\nContent-Type: ${fix.value}`)] } },
            true,
          ),
        );
        break;
      }
      case 'replaceMethod':
        fix.values.forEach((method, i) =>
          actions.push(
            quickFix(m.useMethod(method), d, { changes: { [doc.uri]: [TextEdit.replace(d.range, method)] } }, i === 0),
          ),
        );
        break;
      case 'insertBlankLine':
        actions.push(
          quickFix(m.addBlankLine(), d, { changes: { [doc.uri]: [TextEdit.insert(doc.positionAt(fix.offset), '\n')] } }, true),
        );
        break;
      case 'replaceText':
        actions.push(
          quickFix(
            m.replaceWith(fix.value),
            d,
            {
              changes: {
                [doc.uri]: [
                  ...(fix.define ? [TextEdit.insert(doc.positionAt(0), `@${fix.define.name} = ${fix.define.value}\n`)] : []),
                  TextEdit.replace(d.range, fix.value),
                ],
              },
            },
            true,
          ),
        );
        break;
      case 'replaceValue':
        actions.push(
          quickFix(
            m.replaceWith(fix.value),
            d,
            { changes: { [doc.uri]: [TextEdit.replace(d.range, JSON.stringify(fix.value))] } },
            true,
          ),
        );
        break;
      case 'selectEnvironment':
        fix.environments.forEach((env, i) =>
          actions.push({
            title: m.selectEnvironment(env),
            kind: CodeActionKind.QuickFix,
            diagnostics: [d],
            isPreferred: i === 0,
            command: { title: m.selectEnvironment(env), command: SELECT_HTTP_ENVIRONMENT_COMMAND, arguments: [env] },
          }),
        );
        break;
      case 'addActions':
        for (const g of grantEdits(policies, fix.actions, m)) {
          actions.push({
            ...quickFix(g.title, d, g.edit),
            command: { title: g.title, command: SHOW_DOCUMENT_COMMAND, arguments: [g.show.uri, g.show.range] },
          });
        }
        break;
    }
  }
  return actions;
}
