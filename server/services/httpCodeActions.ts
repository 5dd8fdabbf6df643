/** Quick fixes for .http diagnostics: rewrite a deprecated API, add Content-Type, fix the method, grant missing actions. */
import { Range, TextEdit, type CodeAction, type Diagnostic, type WorkspaceEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { findApi } from '../../core/catalogue';
import type { HttpRequest } from '../../core/http/httpFile';
import { splitUrl } from '../../core/http/imsRequest';
import type { PolicySource } from '../../core/policy/evaluator';
import type { HttpFix } from './httpDiagnostics';
import { fixable, quickFix } from './quickFix';
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
    JSON.stringify({ tag: { key: decodeURIComponent(tag), value: '' } }, null, 2),
  ].join('\n');
  const end = request.body
    ? request.body.span.end
    : request.headers.length
      ? request.headers[request.headers.length - 1].value.span.end
      : request.requestLine.end;
  return [TextEdit.replace(Range.create(doc.positionAt(request.requestLine.start), doc.positionAt(end)), block)];
}

function grantEdits(
  policies: readonly PolicySource[],
  actions: string[],
  m: Messages,
): Array<{ title: string; edit: WorkspaceEdit }> {
  const out: Array<{ title: string; edit: WorkspaceEdit }> = [];
  for (const source of policies) {
    if (out.length >= MAX_POLICY_TARGETS || !source.positionAt) break;
    const st = source.model.statements.find(
      (s) => s.effect === 'Allow' && s.actionKey === 'Action' && s.actionsNode?.type === 'array',
    );
    if (!st) continue;
    const array = st.actionsNode!;
    const last = array.children?.[array.children.length - 1];
    const text = actions.map((a) => JSON.stringify(a)).join(', ');
    const at = source.positionAt(last ? last.offset + last.length : array.offset + 1);
    out.push({
      title: m.grantIn(actions.join(', '), fileName(source.uri), st.index + 1),
      edit: { changes: { [source.uri]: [TextEdit.insert(at, last ? `, ${text}` : text)] } },
    });
  }
  return out;
}

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
      case 'addActions':
        for (const g of grantEdits(policies, fix.actions, m)) actions.push(quickFix(g.title, d, g.edit));
        break;
    }
  }
  return actions;
}
