/**
 * Completion of a new policy resource in a `.tf` file, offered where a top-level block starts: a custom
 * policy (`huaweicloud_identity_role`, Version 1.1 in a heredoc) and an identity policy
 * (`huaweicloud_identityv5_policy`, Version 5.0 in `jsonencode`), the two resources whose policies this
 * extension reads (core/terraform/extract.ts). Inside them, the policy features take over.
 */
import { CompletionItemKind, InsertTextFormat, Range, TextEdit, type CompletionItem } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Lang } from '../../core/catalogue';

const SKELETONS = [
  {
    label: 'huaweicloud_identity_role',
    detail: { en: 'Custom policy (IAM 1.1) in a heredoc', zh: '自定义策略（IAM 1.1），heredoc 形式' },
    body: [
      'resource "huaweicloud_identity_role" "${1:ims_tag_readers}" {',
      '  name        = "${2:ims-tag-readers}"',
      '  description = "${3:Reads the tags of IMS images}"',
      '  type        = "XA"',
      '  policy      = <<EOT',
      '{',
      '  "Version": "1.1",',
      '  "Statement": [',
      '    {',
      '      "Effect": "Allow",',
      '      "Action": ["${4:ims:images:list}"]',
      '    }',
      '  ]',
      '}',
      'EOT',
      '}',
    ],
  },
  {
    label: 'huaweicloud_identityv5_policy',
    detail: { en: 'Identity policy (IAM 5.0) in jsonencode', zh: '身份策略（IAM 5.0），jsonencode 形式' },
    body: [
      'resource "huaweicloud_identityv5_policy" "${1:ims_tag_readers}" {',
      '  name = "${2:ims-tag-readers}"',
      '  policy_document = jsonencode({',
      '    Version = "5.0"',
      '    Statement = [',
      '      {',
      '        Effect   = "Allow"',
      '        Action   = ["${3:ims:images:getTags}"]',
      '        Resource = ["${4:*}"]',
      '      }',
      '    ]',
      '  })',
      '}',
    ],
  },
];

/** Whether the offset is outside every block: braces counted, strings and heredocs skipped. */
function atTopLevel(text: string, offset: number): boolean {
  let depth = 0;
  let heredoc: string | undefined;
  let line = '';
  for (let i = 0; i < offset; i++) {
    const c = text[i];
    if (c === '\n') {
      if (heredoc !== undefined && line.trim() === heredoc) heredoc = undefined;
      else if (heredoc === undefined) {
        const m = /<<-?\s*([A-Za-z_]\w*)\s*$/.exec(line);
        if (m) heredoc = m[1];
      }
      line = '';
      continue;
    }
    line += c;
    if (heredoc !== undefined) continue;
    if (c === '#' || (c === '/' && text[i + 1] === '/')) {
      while (i + 1 < offset && text[i + 1] !== '\n') i++;
      continue;
    }
    if (c === '"') {
      for (i++; i < offset && text[i] !== '"' && text[i] !== '\n'; i++) if (text[i] === '\\') i++;
      line += '"';
      continue;
    }
    if (c === '{') depth++;
    else if (c === '}') depth = Math.max(0, depth - 1);
  }
  return depth === 0 && heredoc === undefined;
}

/** The policy resources as snippets, where a line at the top level starts a word (`res`, `resource`, `resource "h`). */
export function skeletonCompletions(doc: TextDocument, offset: number, lang: Lang): CompletionItem[] {
  const text = doc.getText();
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const typed = text.slice(lineStart, offset);
  if (!/^\s*(?:r(?:e(?:s(?:o(?:u(?:r(?:c(?:e(?:\s+"?[\w]*)?)?)?)?)?)?)?)?)?$/.test(typed) || !atTopLevel(text, lineStart))
    return [];
  const lineEnd = text.indexOf('\n', offset);
  const rest = text.slice(offset, lineEnd < 0 ? text.length : lineEnd);
  // The typed start of the line and the word after the cursor are replaced: the snippet is the whole block.
  const start = lineStart + typed.length - typed.trimStart().length;
  const range = Range.create(doc.positionAt(start), doc.positionAt(offset + (/^[\w"]*/.exec(rest)?.[0].length ?? 0)));
  return SKELETONS.map((k, i) => ({
    label: k.label,
    kind: CompletionItemKind.Snippet,
    detail: k.detail[lang],
    filterText: `resource "${k.label}"`,
    sortText: `0${i}`,
    insertTextFormat: InsertTextFormat.Snippet,
    textEdit: TextEdit.replace(range, k.body.join('\n')),
    documentation: {
      kind: 'markdown',
      value: ['```hcl', ...k.body.map((l) => l.replace(/\$\{\d+:([^}]*)\}/g, '$1')), '```'].join('\n'),
    },
  }));
}
