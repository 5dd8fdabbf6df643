/** Completion in policy documents: IMS actions, statement keys, Effect, Version and Conditions. */
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
import type { Node } from 'jsonc-parser';
import {
  CONDITION_OPERATORS,
  EFFECTS,
  EFFECT_DOCS,
  GLOBAL_CONDITION_KEYS,
  IMS_RESOURCE_TYPES,
  OPERATOR_SUFFIX,
  POLICY_VERSIONS,
  STATEMENT_KEYS,
  VERSION_DOCS,
  tr,
  type Lang,
  type PolicyVersion,
} from '../../core/catalogue';
import { actionCandidates, actionCompletionDoc } from './policyMarkdown';
import { iam5Candidates, iam5CompletionDoc } from './iam5Markdown';
import { fillUrn, type Iam5Model } from '../../core/catalogue/iam5/model';
import { cursorAt, isClosedString, type PolicyCursor } from './policyCursor';
import { peerItemTest, peerKeys, peerValues } from './jsonPeerOffers';
import type { ParsedPolicy } from './parsedPolicy';
import type { ServiceContext } from './serviceContext';
import { messages } from './messages';

const RETRIGGER = { title: 'Suggest', command: 'editor.action.triggerSuggest' };

/**
 * Where a string value goes: over an existing string from its opening quote (as VS Code's own JSON items
 * do, so ours score the same and a preselected one of ours is the one selected), or as a new string.
 */
interface Slot {
  range: Range;
  typed: string;
  quote: boolean;
  /** Text before the inserted value, e.g. a space after `:`. */
  lead: string;
  /** Inside a string whose closing quote is missing: the value brings its own, so the JSON stays valid. */
  close: boolean;
}

/**
 * Where the text a value replaces ends: before the string's closing quote; or, the quote missing (the
 * scanner then takes the rest of the line as the string), after the word the cursor is in, so
 * `["ims:|] }]` keeps its `] }]` (an editor without auto-closed quotes: a heredoc in Terraform).
 */
function valueEnd(text: string, s: Node, offset: number): number {
  if (isClosedString(text, s)) return Math.max(s.offset + s.length - 1, offset);
  let end = offset;
  while (end < s.offset + s.length && /[\w:*?./-]/.test(text[end])) end++;
  return end;
}

function slotFor(doc: TextDocument, text: string, cursor: PolicyCursor, offset: number): Slot {
  const s = cursor.stringNode;
  if (s) {
    const closed = isClosedString(text, s);
    return {
      range: Range.create(doc.positionAt(s.offset), doc.positionAt(valueEnd(text, s, offset))),
      typed: text.slice(s.offset + 1, offset),
      quote: false,
      lead: '',
      close: !closed,
    };
  }
  const pos = doc.positionAt(offset);
  return { range: Range.create(pos, pos), typed: '', quote: true, lead: text[offset - 1] === ':' ? ' ' : '', close: false };
}

function valueItem(slot: Slot, value: string, kind: CompletionItemKind, doc: string | undefined, sort: number): CompletionItem {
  const newText = slot.quote ? `${slot.lead}"${value}"` : `"${value}${slot.close ? '"' : ''}`;
  return {
    label: value,
    kind,
    filterText: `"${value}"`,
    sortText: String(sort).padStart(4, '0'),
    textEdit: TextEdit.replace(slot.range, newText),
    documentation: doc ? { kind: MarkupKind.Markdown, value: doc } : undefined,
  };
}

/** Documentation per model (the 1.1 catalogue, or a 5.0 model: a live schema gets its own), language and action. */
const docCache = new WeakMap<object, Map<string, string>>();
const CLASSIC = {};
function cachedActionDoc(action: string, lang: Lang, iam5: Iam5Model | undefined): string {
  let byKey = docCache.get(iam5 ?? CLASSIC);
  if (!byKey) docCache.set(iam5 ?? CLASSIC, (byKey = new Map()));
  const key = `${lang}\u0000${action}`;
  let d = byKey.get(key);
  if (d === undefined) byKey.set(key, (d = iam5 ? iam5CompletionDoc(action, iam5, lang) : actionCompletionDoc(action, lang)));
  return d;
}

function actionItems(parsed: ParsedPolicy, cursor: PolicyCursor, slot: Slot, lang: Lang, iam5?: Iam5Model): CompletionItem[] {
  const typed = slot.typed;
  // Other services' actions are only syntax-checked: we have nothing to propose for them.
  if (!(typed.startsWith('ims:') || 'ims:'.startsWith(typed))) return [];
  const statement = parsed.model!.statements.find((s) => s.index === cursor.statementIndex);
  const array = cursor.stringNode ? cursor.stringNode.parent : cursor.container;
  // Counted once per document version, so a completion costs the same in a 10 KB and a 1 MB policy.
  const inArray = array?.type === 'array' ? parsed.index!.arrayItems(array) : new Map<string, number>();
  const own = cursor.stringNode?.value as string | undefined;
  const inStatement = (a: string) => (inArray.get(a) ?? 0) - (a === own ? 1 : 0) > 0;
  const offeredByVsCode = peerItemTest(parsed.index!, statement?.actionKey ?? 'Action', array);
  const taken = (a: string) => inStatement(a) || offeredByVsCode(a);
  const items: CompletionItem[] = [];
  let sort = 0;
  // A prefix ("ims:", "ims:images:") keeps the cursor inside the string, with the quotes balanced.
  const prefix = (value: string, kind: CompletionItemKind, detail?: string): CompletionItem => {
    const open = slot.quote ? `${slot.lead}"` : '"';
    const close = slot.quote || slot.close ? '"' : '';
    return {
      ...valueItem(slot, value, kind, undefined, sort++),
      detail,
      command: RETRIGGER,
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: TextEdit.replace(slot.range, `${open}${value}$0${close}`),
    };
  };
  if (!typed.startsWith('ims:')) items.push(prefix('ims:', CompletionItemKind.Module, 'Image Management Service'));
  else if (typed.split(':').length === 2) {
    const types = iam5 ? [...new Set(iam5.actions.map((a) => a.name.split(':')[1]))] : IMS_RESOURCE_TYPES;
    for (const rt of [...types, '*']) items.push(prefix(`ims:${rt}:`, CompletionItemKind.Folder));
  }
  for (const action of iam5 ? iam5Candidates(iam5) : actionCandidates()) {
    if (taken(action)) continue;
    const item = valueItem(
      slot,
      action,
      action.includes('*') ? CompletionItemKind.Constant : CompletionItemKind.EnumMember,
      cachedActionDoc(action, lang, iam5),
      100 + sort++,
    );
    items.push(item);
  }
  // VS Code ranks items of equal score by label, and its own JSON items ("…" in quotes, values used
  // elsewhere in the file) sort before ours: preselect our first documented match, so Enter takes it.
  const lower = typed.toLowerCase();
  const best = items.find((i) => i.command === undefined && i.label.toLowerCase().startsWith(lower));
  if (best && typed.length > 0) best.preselect = true;
  return items;
}

/**
 * Resource values of a 5.0 statement: `*`, and each resource type's URN template filled with the
 * connection's region and account: every resource of the type, and each image the IMS explorer loaded.
 */
function resourceItems(slot: Slot, ctx: ServiceContext): CompletionItem[] {
  const r = ctx.resources;
  const zh = ctx.lang === 'zh';
  const items = [valueItem(slot, '*', CompletionItemKind.Constant, zh ? '所有资源。' : 'Every resource.', 0)];
  let sort = 1;
  for (const t of ctx.iam5.schema.resources) {
    const fill = (id: string) => fillUrn(t.urn_template, { region: r?.region ?? '*', account: r?.account ?? '*', id });
    const every = zh ? `所有 ${t.type_name} 资源（${t.urn_template}）` : `Every ${t.type_name} (${t.urn_template})`;
    items.push(valueItem(slot, fill('*'), CompletionItemKind.Value, every, sort++));
    for (const id of r?.imageIds ?? [])
      if (t.type_name === 'image')
        items.push(valueItem(slot, fill(id), CompletionItemKind.Value, zh ? `镜像 ${id}` : `Image ${id}`, sort++));
  }
  return items;
}

function keyItems(
  parsed: ParsedPolicy,
  doc: TextDocument,
  cursor: PolicyCursor,
  offset: number,
  lang: Lang,
  version: PolicyVersion | undefined,
  iam5?: Iam5Model,
): CompletionItem[] {
  const object = cursor.container;
  const present = new Set((object.children ?? []).map((p) => p.children?.[0]?.value as string));
  if (cursor.stringNode) present.delete(cursor.stringNode.value as string);
  const offered = peerKeys(parsed.index!, object);
  const candidates: Array<{ name: string; snippet: string; doc?: string }> = [];
  if (cursor.kind === 'statementKey') {
    for (const k of STATEMENT_KEYS) {
      if (version && !k.versions.includes(version)) continue;
      candidates.push({ name: k.name, snippet: k.valueSnippet, doc: tr(k.doc, lang) });
    }
  } else if (cursor.kind === 'conditionOperator') {
    for (const op of CONDITION_OPERATORS) {
      const note = op.confirmed ? '' : messages(lang).operatorProbable();
      for (const name of [op.name, op.name + OPERATOR_SUFFIX]) {
        candidates.push({
          name,
          snippet: '{\n\t"${1:g:UserName}": ["$2"]\n}',
          doc: `${name.endsWith(OPERATOR_SUFFIX) && name !== OPERATOR_SUFFIX ? messages(lang).ifExistsShort() : ''}${note}`,
        });
      }
    }
  } else if (version === '5.0' && iam5) {
    // IAM 5.0: the keys the statement's IMS actions take (and the global keys every action takes).
    const st = parsed.model!.statements.find((x) => x.index === cursor.statementIndex);
    const actions = (st?.actions ?? []).flatMap((a) =>
      a.value.includes('*') ? iam5.expand(a.value) : (iam5.action(a.value) ?? []),
    );
    for (const k of iam5.conditionKeys()) {
      if (!k.everyAction && actions.length > 0 && !actions.some((a) => iam5.keyApplies(k.key, a))) continue;
      const kind = `${k.value_type}${k.multi_valued ? (lang === 'zh' ? '，多值：用 ForAnyValue:/ForAllValues:' : ', multi-valued: use ForAnyValue:/ForAllValues:') : ''}`;
      const unconfirmed = k.confirmed ? '' : lang === 'zh' ? '（文档未确认）' : ' (not confirmed by the documentation)';
      candidates.push({
        name: k.key,
        snippet: '["$1"]',
        doc: `${lang === 'zh' ? k.description.zh : k.description.en} (${kind})${unconfirmed}`,
      });
    }
  } else {
    for (const k of GLOBAL_CONDITION_KEYS)
      candidates.push({ name: k.name, snippet: '["$1"]', doc: `${tr(k.doc, lang)} (${k.type})` });
  }
  const s = cursor.stringNode;
  const items: CompletionItem[] = [];
  let sort = 0;
  for (const c of candidates) {
    if (present.has(c.name) || offered.has(c.name)) continue;
    let range: Range;
    let newText: string;
    if (s && cursor.hasValue) {
      range = Range.create(doc.positionAt(s.offset + 1), doc.positionAt(valueEnd(parsed.text, s, offset)));
      newText = c.name;
    } else {
      const start = s ? s.offset : offset;
      const end = s ? Math.max(s.offset + s.length, offset) : offset;
      range = Range.create(doc.positionAt(start), doc.positionAt(end));
      newText = `"${c.name}": ${c.snippet}`;
    }
    items.push({
      label: c.name,
      kind: CompletionItemKind.Property,
      sortText: String(sort++).padStart(4, '0'),
      filterText: s ? undefined : `"${c.name}"`,
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: TextEdit.replace(range, newText),
      documentation: c.doc ? { kind: MarkupKind.Markdown, value: c.doc } : undefined,
    });
  }
  return items;
}

export function doComplete(doc: TextDocument, parsed: ParsedPolicy, position: Position, ctx: ServiceContext): CompletionList {
  const empty: CompletionList = { isIncomplete: false, items: [] };
  const model = parsed.model;
  if (!model || !parsed.index) return empty;
  const offset = doc.offsetAt(position);
  const cursor = cursorAt(model, parsed.text, offset);
  if (!cursor) return empty;
  const version = (POLICY_VERSIONS as readonly string[]).includes(model.version ?? '')
    ? (model.version as PolicyVersion)
    : undefined;
  const lang = ctx.lang;
  let items: CompletionItem[] = [];
  switch (cursor.kind) {
    case 'action':
      items = actionItems(
        parsed,
        cursor,
        slotFor(doc, parsed.text, cursor, offset),
        lang,
        version === '5.0' ? ctx.iam5 : undefined,
      );
      break;
    case 'statementKey':
    case 'conditionOperator':
    case 'conditionKey':
      items = keyItems(parsed, doc, cursor, offset, lang, version, ctx.iam5);
      break;
    case 'effect': {
      const slot = slotFor(doc, parsed.text, cursor, offset);
      const offered = peerValues(parsed.index, 'Effect', offset);
      items = EFFECTS.filter((e) => !offered.has(e)).map((e, i) =>
        valueItem(slot, e, CompletionItemKind.EnumMember, tr(EFFECT_DOCS[e], lang), i),
      );
      break;
    }
    case 'resource':
      if (version === '5.0') items = resourceItems(slotFor(doc, parsed.text, cursor, offset), ctx);
      break;
    case 'version': {
      const slot = slotFor(doc, parsed.text, cursor, offset);
      const offered = peerValues(parsed.index, 'Version', offset);
      items = POLICY_VERSIONS.filter((v) => !offered.has(v)).map((v, i) =>
        valueItem(slot, v, CompletionItemKind.EnumMember, tr(VERSION_DOCS[v], lang), i),
      );
      break;
    }
    default:
      break;
  }
  // With a prefix offered ("ims:", "ims:images:"), the list is asked again as the action is typed: kept,
  // the editor would go on filtering the first answer, where the prefix "ims:" is the best match of a
  // typed `"ims:` and Enter would take it (in a .tf file, which no JSON support asks again).
  return { isIncomplete: items.some((i) => i.command === RETRIGGER), items };
}
