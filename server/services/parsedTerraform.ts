/**
 * One read of a Terraform document: the policies and tag maps core/terraform finds, each policy with its
 * JSON as a document of its own, which every policy feature serves through the source map. The file is
 * read a top-level item at a time (core/terraform/extract.ts readTerraform) and no syntax tree is kept:
 * a new version re-parses only the items whose text changed, and a policy whose JSON did not change
 * keeps its parse (and the diagnostics cached on it).
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  readTerraform,
  type BlockCache,
  type EmbeddedPolicy,
  type ParseText,
  type TerraformModel,
} from '../../core/terraform/extract';
import type { SyntaxNode } from '../../core/terraform/syntax';
import { topLevelItems, type TopLevelItem } from '../../core/terraform/topLevel';
import { tooDeepAt } from '../../core/util/nesting';
import { parsePolicy, type ParsedPolicy } from './parsedPolicy';

/** Past this size a .tf file is not read (the server's bound for policy files too). */
export const MAX_TF_CHARS = 5 * 1024 * 1024;

export interface VirtualPolicy {
  policy: EmbeddedPolicy;
  doc: TextDocument;
  parsed: ParsedPolicy;
}

const NONE: TerraformModel = { policies: [], tagMaps: [] };

export class ParsedTerraform {
  readonly model: TerraformModel;
  readonly policies: VirtualPolicy[];
  /** The parser was not loaded yet: nothing is known (the server checks the document again later). */
  readonly pending: boolean;
  /** Where the text nests past MAX_NESTING: not parsed at all then (the tree walks recurse per level). */
  readonly tooDeep?: number;
  private readonly blocks: BlockCache = new Map();
  private readonly byJson = new Map<string, { doc: TextDocument; parsed: ParsedPolicy }>();
  /** What `eachItem` computed, by purpose and item text; the newest of earlier versions, to start from. */
  private readonly memos = new Map<string, Map<string, unknown>>();
  private readonly inherited = new Map<string, Map<string, unknown>>();
  /** The top-level items, found once for the read and for `eachItem`. */
  private readonly items: readonly TopLevelItem[];

  constructor(
    readonly uri: string,
    readonly text: string,
    private readonly parse: ParseText,
    previous?: ParsedTerraform,
  ) {
    // The maps only, never the version itself: a chain of versions would keep every old text alive.
    for (const from of [previous?.inherited, previous?.memos]) for (const [k, m] of from ?? []) this.inherited.set(k, m);
    this.tooDeep = tooDeepAt(text, undefined, true);
    const readable = this.tooDeep === undefined && text.length <= MAX_TF_CHARS;
    this.items = readable ? topLevelItems(text) : [];
    const model = readable ? readTerraform(this.items, parse, previous?.blocks, this.blocks) : NONE;
    this.pending = model === undefined;
    this.model = model ?? NONE;
    this.policies = this.model.policies.map((policy) => {
      let hit = previous?.byJson.get(policy.json) ?? this.byJson.get(policy.json);
      if (!hit) {
        hit = {
          doc: TextDocument.create(`${uri}#${encodeURIComponent(policy.address)}`, 'json', 0, policy.json),
          parsed: parsePolicy(policy.json),
        };
      }
      this.byJson.set(policy.json, hit);
      return { policy, ...hit };
    });
  }

  /** The same document with another text (a repair for completion), reading again only what differs. */
  withText(text: string): ParsedTerraform {
    return new ParsedTerraform(this.uri, text, this.parse, this);
  }

  /**
   * `read` of each top-level item's syntax tree (offsets the item's own), with the item's start: computed
   * once per item text and purpose, across versions. Undefined while the parser is not loaded, or when
   * the text is not read at all (too deep, too large).
   */
  eachItem<R>(purpose: string, read: (root: SyntaxNode, item: string) => R): Array<{ start: number; value: R }> | undefined {
    if (this.tooDeep !== undefined || this.text.length > MAX_TF_CHARS) return undefined;
    const last = this.inherited.get(purpose) as Map<string, R> | undefined;
    const memo = new Map<string, R>();
    const out: Array<{ start: number; value: R }> = [];
    for (const { start, text: item } of this.items) {
      let value = memo.get(item) ?? last?.get(item);
      if (value === undefined) {
        const root = this.parse(item);
        if (!root) return undefined;
        value = read(root, item);
      }
      memo.set(item, value);
      out.push({ start, value });
    }
    this.memos.set(purpose, memo);
    return out;
  }

  /** The policy whose attribute holds the offset. */
  policyAt(offset: number): VirtualPolicy | undefined {
    return this.policies.find((p) => offset >= p.policy.start && offset <= p.policy.end);
  }
}
