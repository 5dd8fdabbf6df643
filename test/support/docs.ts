/** Test helpers: documents written as strings, with `|` marking the cursor (yaml-language-server style). */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Lang } from '../../core/catalogue';
import { DEFAULT_SETTINGS } from '../../core/settings';
import { getLanguageService } from '../../server/languageService';

let counter = 0;

export function doc(text: string, languageId = 'json'): TextDocument {
  return TextDocument.create(`file:///test/doc${counter++}.json`, languageId, 1, text);
}

/** A document and the cursor position marked by the one `|` in `marked`. */
export function withCursor(marked: string, languageId = 'json') {
  const offset = marked.indexOf('|');
  if (offset < 0 || marked.indexOf('|', offset + 1) >= 0) throw new Error('mark exactly one cursor with |');
  const d = doc(marked.slice(0, offset) + marked.slice(offset + 1), languageId);
  return { doc: d, position: d.positionAt(offset), offset };
}

/** The language service in a language, with inlay hints of each kind on or off. */
export function service(options: { lang?: Lang; policyInlayHints?: boolean; httpInlayHints?: boolean } = {}) {
  const settings = {
    ...DEFAULT_SETTINGS,
    policy: { inlayHints: { enabled: options.policyInlayHints ?? true } },
    http: { inlayHints: { enabled: options.httpInlayHints ?? true }, environment: '', dialect: 'any' as const },
  };
  return getLanguageService({ lang: () => options.lang ?? 'en', settings: () => settings });
}

/** The text a diagnostic or edit range covers. */
export function textAt(
  d: TextDocument,
  range: { start: { line: number; character: number }; end: { line: number; character: number } },
): string {
  return d.getText(range);
}

/** A one-statement 1.1 policy around the given statement body. */
export function policy(statementBody: string, version = '1.1'): string {
  return `{\n  "Version": "${version}",\n  "Statement": [\n    {\n${statementBody}\n    }\n  ]\n}`;
}

/**
 * Markdown as a reader sees it: backslash escapes (CommonMark §2.4) removed. Hovers escape every text
 * that comes from a document, so tests compare what is rendered.
 */
export function rendered(markdown: string): string {
  return markdown.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}
