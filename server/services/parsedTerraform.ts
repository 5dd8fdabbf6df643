/**
 * One read of a Terraform document: the policies and tag maps core/terraform finds, each policy with its
 * JSON as a document of its own, which every policy feature serves through the source map. A new
 * version builds on the last one: the tree is parsed incrementally, blocks whose text did not change are
 * not read again, and a policy whose JSON did not change keeps its parse (and the diagnostics cached on it).
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { extractTerraform, type BlockCache, type EmbeddedPolicy, type TerraformModel } from '../../core/terraform/extract';
import type { SyntaxNode } from '../../core/terraform/syntax';
import { tooDeepAt } from '../../core/util/nesting';
import { parsePolicy, type ParsedPolicy } from './parsedPolicy';

export interface VirtualPolicy {
  policy: EmbeddedPolicy;
  doc: TextDocument;
  parsed: ParsedPolicy;
}

/** The parser as the adapter offers it: a tree (reusing the previous one), or nothing before it is loaded. */
export interface HclParse<T extends { root: SyntaxNode }> {
  (text: string, previous?: T): T | undefined;
}

export class ParsedTerraform<T extends { root: SyntaxNode } = { root: SyntaxNode }> {
  readonly model: TerraformModel;
  readonly policies: VirtualPolicy[];
  /** The parser was not loaded yet: nothing is known (the server checks the document again later). */
  readonly pending: boolean;
  /** Where the text nests past MAX_NESTING: not parsed at all then (the tree walks recurse per level). */
  readonly tooDeep?: number;
  readonly tree?: T;
  private readonly blocks: BlockCache = new Map();
  private readonly byJson = new Map<string, { doc: TextDocument; parsed: ParsedPolicy }>();

  constructor(
    readonly uri: string,
    readonly text: string,
    private readonly parse: HclParse<T>,
    previous?: ParsedTerraform<T>,
  ) {
    this.tooDeep = tooDeepAt(text, undefined, true);
    this.tree = this.tooDeep === undefined ? parse(text, previous?.tree) : undefined;
    this.pending = this.tooDeep === undefined && this.tree === undefined;
    this.model = this.tree
      ? extractTerraform(this.tree.root, text, previous?.blocks, this.blocks)
      : { policies: [], tagMaps: [] };
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

  /**
   * The same document with another text (a repair for completion), parsed afresh: an incremental parse
   * would edit and free this version's tree, which the document's next version parses from. The caller
   * frees it (dispose) once read.
   */
  withText(text: string): ParsedTerraform<T> {
    return new ParsedTerraform(this.uri, text, this.parse);
  }

  /** Frees the parser's tree (WebAssembly memory), for a parse no cache holds. */
  dispose(): void {
    (this.tree as { free?: () => void } | undefined)?.free?.();
  }

  /** The policy whose attribute holds the offset. */
  policyAt(offset: number): VirtualPolicy | undefined {
    return this.policies.find((p) => offset >= p.policy.start && offset <= p.policy.end);
  }
}
