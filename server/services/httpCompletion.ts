/**
 * Completion in .http files: whole IMS requests as snippets on an empty request line, the next path
 * segments inside a URL, IMS header names and values, property names and enum values in a JSON body
 * from the API's schema, and `{{variables}}` defined in the file.
 */
import { getLocation, type JSONPath } from 'jsonc-parser';
import { tooDeepAt } from '../../core/util/nesting';
import {
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  Range,
  TextEdit,
  type CompletionItem,
  type CompletionList,
  type Position,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { IMS_APIS, IMS_HEADERS, tr, type ImsApi, type JsonSchema, type Lang } from '../../core/catalogue';
import type { HttpRequest } from '../../core/http/httpFile';
import { splitUrl } from '../../core/http/imsRequest';
import { requestText } from '../../core/http/requestText';
import type { ParsedHttp } from './parsedHttp';
import { variableCompletions } from './httpVariableCompletion';
import type { ServiceContext } from './serviceContext';
import { messages } from './messages';

const EMPTY: CompletionList = { isIncomplete: false, items: [] };

function lineAt(text: string, offset: number): { start: number; end: number; text: string } {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  let end = text.indexOf('\n', offset);
  if (end < 0) end = text.length;
  const raw = text.slice(start, end);
  return { start, end: raw.endsWith('\r') ? end - 1 : end, text: raw.replace(/\r$/, '') };
}

/** The snippet for a whole request: the catalogue's request text, escaped for snippet syntax. */
export function requestSnippet(api: ImsApi): string {
  return `${requestText(api).replace(/[\\$]/g, '\\$&')}\n$0`;
}

function requestItems(doc: TextDocument, line: { start: number; end: number }, lang: Lang): CompletionItem[] {
  const range = Range.create(doc.positionAt(line.start), doc.positionAt(line.end));
  const m = messages(lang);
  return IMS_APIS.map((api, i) => ({
    label: `${api.method} ${api.path}`,
    labelDetails: { description: `IMS ${api.id}` },
    kind: CompletionItemKind.Snippet,
    detail: `${tr(api.title, lang)} — ${api.actions.join(', ')}`,
    documentation: {
      kind: MarkupKind.Markdown,
      value: `${tr(api.title, lang)}${api.deprecated ? ` (${m.deprecated()})` : ''}\n\n${m.needs(api.actions.map((a) => `\`${a}\``).join(', '))}`,
    },
    filterText: `${api.method} ${api.path} ${api.id} ims`,
    sortText: `${api.deprecated ? 'z' : 'a'}${String(i).padStart(2, '0')}`,
    insertTextFormat: InsertTextFormat.Snippet,
    textEdit: TextEdit.replace(range, requestSnippet(api)),
  }));
}

/** Next path segments: literals of the templates that fit what is typed, or `{{variable}}` for parameters. */
function pathItems(doc: TextDocument, request: HttpRequest, offset: number): CompletionItem[] {
  const typedUrl = request.url.text.slice(0, offset - request.url.span.start);
  const { path, pathOffset } = splitUrl(typedUrl);
  if (!typedUrl.slice(pathOffset).startsWith('/') || /[?#]/.test(typedUrl.slice(pathOffset))) return [];
  const typed = path.split('/').slice(1);
  const partial = typed.pop() ?? '';
  const partialStart = offset - partial.length;
  const range = Range.create(doc.positionAt(partialStart), doc.positionAt(offset));
  const seen = new Map<string, CompletionItem>();
  for (const api of IMS_APIS) {
    const t = api.path.split('/').slice(1);
    if (t.length <= typed.length) continue;
    const fits = typed.every((seg, i) => /^\{\w+\}$/.test(t[i]) || t[i] === seg);
    if (!fits) continue;
    const next = t[typed.length];
    const param = /^\{(\w+)\}$/.exec(next);
    const text = param ? `{{${api.pathParams.find((p) => p.name === param[1])?.variable ?? param[1]}}}` : next;
    if (!seen.has(text)) {
      seen.set(text, {
        label: text,
        kind: param ? CompletionItemKind.Variable : CompletionItemKind.Folder,
        detail: api.id,
        textEdit: TextEdit.replace(range, text),
      });
    }
  }
  return [...seen.values()];
}

function headerItems(
  doc: TextDocument,
  request: HttpRequest,
  line: { start: number; end: number; text: string },
  offset: number,
  lang: Lang,
): CompletionItem[] {
  const before = line.text.slice(0, offset - line.start);
  const colon = before.indexOf(':');
  if (colon < 0) {
    const present = new Set(request.headers.map((h) => h.name.text.toLowerCase()));
    const range = Range.create(doc.positionAt(line.start), doc.positionAt(line.end));
    return IMS_HEADERS.filter(
      (h) => !present.has(h.name.toLowerCase()) || before.trim().toLowerCase() === h.name.toLowerCase(),
    ).map((h) => ({
      label: h.name,
      kind: CompletionItemKind.Field,
      documentation: { kind: MarkupKind.Markdown, value: tr(h.doc, lang) },
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: TextEdit.replace(
        range,
        `${h.name}: ${h.values.length ? `\${1|${h.values.map((v) => v.replace(/[,|]/g, '\\$&')).join(',')}|}` : '$1'}`,
      ),
    }));
  }
  const name = before.slice(0, colon).trim().toLowerCase();
  const h = IMS_HEADERS.find((x) => x.name.toLowerCase() === name);
  if (!h) return [];
  let start = line.start + colon + 1;
  while (line.text[start - line.start] === ' ') start++;
  const range = Range.create(doc.positionAt(start), doc.positionAt(line.end));
  return h.values.map((v) => ({ label: v, kind: CompletionItemKind.Value, textEdit: TextEdit.replace(range, v) }));
}

function resolveRef(root: JsonSchema, schema: JsonSchema): JsonSchema {
  const ref = schema.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return schema;
  let node: unknown = root;
  for (const part of ref.slice(2).split('/')) node = (node as Record<string, unknown>)?.[part];
  return (node as JsonSchema) ?? schema;
}

/** Every subschema that applies at a JSON path, following properties, items, allOf/then and oneOf. */
function schemasAt(root: JsonSchema, path: JSONPath): JsonSchema[] {
  let current: JsonSchema[] = [root];
  const expand = (s: JsonSchema): JsonSchema[] => {
    const r = resolveRef(root, s);
    const out = [r];
    for (const k of ['allOf', 'oneOf', 'anyOf'] as const)
      for (const sub of (r[k] as JsonSchema[] | undefined) ?? []) out.push(...expand(sub));
    if (r.then) out.push(...expand(r.then as JsonSchema));
    return out;
  };
  for (const seg of path) {
    const next: JsonSchema[] = [];
    for (const s of current.flatMap(expand)) {
      if (typeof seg === 'number') {
        if (s.items) next.push(s.items as JsonSchema);
      } else {
        const p = (s.properties as Record<string, JsonSchema> | undefined)?.[seg];
        if (p) next.push(p);
      }
    }
    current = next;
  }
  return current.flatMap(expand);
}

function bodyItems(doc: TextDocument, request: HttpRequest, api: ImsApi, offset: number): CompletionItem[] {
  const body = request.body!;
  const rel = offset - body.span.start;
  // Nested past the limit: no help (getLocation recurses per level).
  if (tooDeepAt(body.text) !== undefined) return [];
  const loc = getLocation(body.text, rel);
  const schemas = schemasAt(api.bodySchema!, loc.isAtPropertyKey ? loc.path.slice(0, -1) : loc.path);
  const items = new Map<string, CompletionItem>();
  const node = loc.previousNode;
  const inString = node?.type === 'string' && rel > node.offset && rel <= node.offset + node.length;
  const range = inString
    ? Range.create(doc.positionAt(body.span.start + node!.offset), doc.positionAt(body.span.start + node!.offset + node!.length))
    : Range.create(doc.positionAt(offset), doc.positionAt(offset));
  if (loc.isAtPropertyKey) {
    for (const s of schemas) {
      for (const [name, prop] of Object.entries((s.properties as Record<string, JsonSchema> | undefined) ?? {})) {
        if (items.has(name)) continue;
        const type = prop.type ?? (prop.enum ? 'string' : undefined);
        const value =
          type === 'array'
            ? '[$1]'
            : type === 'object'
              ? '{$1}'
              : type === 'boolean'
                ? '${1|true,false|}'
                : prop.enum
                  ? `"\${1|${(prop.enum as string[]).join(',')}|}"`
                  : '"$1"';
        items.set(name, {
          label: name,
          kind: CompletionItemKind.Property,
          documentation: typeof prop.description === 'string' ? prop.description : undefined,
          insertTextFormat: InsertTextFormat.Snippet,
          textEdit: TextEdit.replace(range, `"${name}": ${value}`),
        });
      }
    }
  } else {
    for (const s of schemas) {
      for (const v of (s.enum as unknown[] | undefined) ?? []) {
        const text = JSON.stringify(v);
        items.set(text, { label: text, kind: CompletionItemKind.EnumMember, textEdit: TextEdit.replace(range, text) });
      }
      if (s.type === 'boolean')
        for (const b of ['true', 'false'])
          items.set(b, { label: b, kind: CompletionItemKind.Value, textEdit: TextEdit.replace(range, b) });
    }
  }
  return [...items.values()];
}

export function doHttpComplete(doc: TextDocument, parsed: ParsedHttp, position: Position, ctx: ServiceContext): CompletionList {
  const lang: Lang = ctx.lang;
  const offset = doc.offsetAt(position);
  const text = parsed.text;
  const line = lineAt(text, offset);
  const variables = variableCompletions(doc, parsed, line, offset, ctx);
  if (variables) return variables;
  const request = parsed.requestAt(offset);
  const trimmed = line.text.trim();
  // An empty (or method-only) line before any request line of its block: propose whole requests.
  const beforeRequest =
    !request || offset < request.requestLine.start || (offset <= request.requestLine.end && !request.url.text);
  if (beforeRequest && (trimmed === '' || /^[A-Z]+$/.test(trimmed)) && !(request && offset > request.requestLine.end)) {
    return { isIncomplete: false, items: requestItems(doc, line, lang) };
  }
  if (!request) return EMPTY;
  if (offset >= request.url.span.start && offset <= request.url.span.end)
    return { isIncomplete: false, items: pathItems(doc, request, offset) };
  const match = parsed.match(request);
  // In the header section: after the request line, with no blank line between it and this line.
  const between = text.slice(request.requestLine.end, line.start);
  const inHeaders =
    offset > request.requestLine.end && !/\n[ \t]*\r?\n/.test(between) && !(request.body && offset >= request.body.span.start);
  if (inHeaders && !/^\s*[?&]/.test(line.text))
    return { isIncomplete: false, items: headerItems(doc, request, line, offset, lang) };
  if (
    request.body &&
    offset >= request.body.span.start &&
    offset <= request.body.span.end &&
    match?.kind === 'api' &&
    match.api.bodySchema
  ) {
    return { isIncomplete: false, items: bodyItems(doc, request, match.api, offset) };
  }
  return EMPTY;
}
