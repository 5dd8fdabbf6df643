/**
 * Semantic tokens for `.tf` files, so they are readable with no Terraform extension installed: block types
 * (`resource`, `variable`), labels, attribute and object keys, functions (`jsonencode`), references
 * (`var.x`), strings, numbers, comments, and the policy JSON of a heredoc as JSON. Registered only for a
 * client without HashiCorp's extension (InitializationOptions.terraformTokens), whose grammar and
 * language server colour Terraform themselves.
 */
import type { SemanticTokens } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { kids, type SyntaxNode } from '../../core/terraform/syntax';
import type { ParsedTerraform } from './parsedTerraform';
import { encodeTokens, jsonTokens, type Tok, type TokenType } from './semanticTokens';

/** Node types that are a token as a whole. */
const WHOLE: Record<string, TokenType> = {
  comment: 'comment',
  numeric_lit: 'number',
  bool_lit: 'keyword',
  null_lit: 'keyword',
  quoted_template_start: 'string',
  quoted_template_end: 'string',
  heredoc_start: 'operator',
  heredoc_identifier: 'keyword',
  template_interpolation_start: 'operator',
  template_interpolation_end: 'operator',
};

export function getTerraformSemanticTokens(doc: TextDocument, parsed: ParsedTerraform): SemanticTokens {
  // Each top-level item's tokens, kept by its text: an edit tokenizes again only the item it touches.
  const out: Tok[] = [];
  for (const { start, value } of parsed.eachItem('semanticTokens', itemTokens) ?? [])
    for (const t of value) out.push({ ...t, start: t.start + start, end: t.end + start });
  return encodeTokens(doc, out);
}

/** The tokens of one top-level item, at offsets of its own text. */
function itemTokens(root: SyntaxNode, text: string): Tok[] {
  const out: Tok[] = [];
  const push = (n: SyntaxNode, type: TokenType) => out.push({ start: n.startIndex, end: n.endIndex, type, mods: [] });
  // Iterative: a stranger's file may nest deeply (ParsedTerraform refuses past MAX_NESTING anyway).
  const stack: Array<{ node: SyntaxNode; parent?: SyntaxNode }> = [{ node: root }];
  while (stack.length) {
    const { node, parent } = stack.pop()!;
    const whole = WHOLE[node.type];
    if (whole) {
      push(node, whole);
      continue;
    }
    if (node.type === 'identifier' && parent) {
      const siblings = kids(parent);
      if (parent.type === 'block') push(node, siblings[0] === node ? 'keyword' : 'parameter');
      else if (parent.type === 'attribute') push(node, 'property');
      else if (parent.type === 'function_call') push(node, 'function');
      else if (parent.type === 'variable_expr') push(node, 'variable');
      else if (parent.type === 'get_attr') push(node, 'property');
      continue;
    }
    if (node.type === 'template_literal') {
      // The policy of a heredoc is JSON: keys and values as in a policy file.
      if (parent?.type === 'heredoc_template' && /^\s*[{[]/.test(text.slice(node.startIndex, node.endIndex)))
        jsonTokens(text, node.startIndex, node.endIndex, out);
      else push(node, 'string');
      continue;
    }
    // A key of an HCL object (`Effect = "Allow"` in jsonencode) is a property.
    if (node.type === 'object_elem') {
      const key = kids(node)[0];
      const bare = key && identifierOf(key);
      if (bare) push(bare, 'property');
    }
    if (node.type === 'block') for (const label of kids(node).filter((c) => c.type === 'string_lit')) push(label, 'string');
    const children = kids(node);
    for (let i = children.length - 1; i >= 0; i--) {
      const c = children[i];
      if (node.type === 'block' && c.type === 'string_lit') continue;
      if (node.type === 'object_elem' && i === 0 && identifierOf(c)) continue;
      stack.push({ node: c, parent: node });
    }
  }
  return out;
}

/** An object key written bare (`Effect`): expression → variable_expr → identifier. */
function identifierOf(key: SyntaxNode): SyntaxNode | undefined {
  let n: SyntaxNode | undefined = key;
  while (n && n.type !== 'identifier') {
    const c = kids(n);
    if (c.length !== 1) return undefined;
    n = c[0];
  }
  return n;
}
