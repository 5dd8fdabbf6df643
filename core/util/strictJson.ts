/**
 * jsonc-parser's tree (`parseTree`) of a text that is strict JSON, built in one pass without a visitor:
 * objects, arrays, strings, numbers, true/false/null, separated by the four JSON white space characters.
 * Anything else (comments, trailing commas, another white space, any error) gives undefined, and the
 * caller parses with jsonc-parser, which reads those and reports errors. The nodes are jsonc-parser's,
 * field for field (test/unit/strictJson.test.ts holds the two to each other), so every reader of the
 * tree takes either.
 *
 * Why: every policy is parsed on each open and edit, and jsonc-parser's scanner reads a string a
 * character at a time through callbacks; policies are almost always strict JSON, and their long strings
 * (Condition values, Resource paths) are mostly plain. Nesting is bounded by the caller (nesting.ts)
 * before this recursive reader runs.
 */
import type { Node } from 'jsonc-parser';

/** Not strict JSON: jsonc-parser reads it instead. */
class NotStrict extends Error {}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

type Mutable = {
  -readonly [K in keyof Node]: Node[K];
};

export function strictJsonTree(text: string): Node | undefined {
  try {
    const reader = new Reader(text);
    const root = reader.value(undefined);
    reader.space();
    if (reader.at !== text.length) return undefined;
    delete root.parent;
    return root;
  } catch (e) {
    if (e instanceof NotStrict) return undefined;
    throw e;
  }
}

class Reader {
  at = 0;
  constructor(private readonly text: string) {}

  space(): void {
    const { text } = this;
    let c = text.charCodeAt(this.at);
    while (c === 32 || c === 10 || c === 13 || c === 9) c = text.charCodeAt(++this.at);
  }

  value(parent: Mutable | undefined): Mutable {
    this.space();
    const { text } = this;
    const start = this.at;
    const c = text.charCodeAt(start);
    if (c === 123 /* { */) return this.object(parent);
    if (c === 91 /* [ */) return this.array(parent);
    if (c === 34 /* " */) {
      const value = this.string();
      return { type: 'string', offset: start, length: this.at - start, parent, value } as Mutable;
    }
    if (c === 116 /* t */ || c === 102 /* f */ || c === 110 /* n */) {
      const word = c === 116 ? 'true' : c === 102 ? 'false' : 'null';
      if (!text.startsWith(word, start)) throw new NotStrict();
      this.at += word.length;
      const value = c === 116 ? true : c === 102 ? false : null;
      return { type: c === 110 ? 'null' : 'boolean', offset: start, length: word.length, parent, value } as Mutable;
    }
    NUMBER.lastIndex = start;
    if (!NUMBER.test(text)) throw new NotStrict();
    this.at = NUMBER.lastIndex;
    return {
      type: 'number',
      offset: start,
      length: this.at - start,
      parent,
      value: Number(text.slice(start, this.at)),
    } as Mutable;
  }

  private object(parent: Mutable | undefined): Mutable {
    const { text } = this;
    const node = { type: 'object', offset: this.at, length: -1, parent, children: [] as Node[] } as Mutable;
    this.at++;
    this.space();
    if (text.charCodeAt(this.at) !== 125 /* } */)
      for (;;) {
        this.space();
        const keyStart = this.at;
        if (text.charCodeAt(keyStart) !== 34) throw new NotStrict();
        const property = { type: 'property', offset: keyStart, length: -1, parent: node, children: [] as Node[] } as Mutable;
        node.children!.push(property);
        const name = this.string();
        property.children!.push({
          type: 'string',
          value: name,
          offset: keyStart,
          length: this.at - keyStart,
          parent: property,
        } as Node);
        this.space();
        if (text.charCodeAt(this.at) !== 58 /* : */) throw new NotStrict();
        property.colonOffset = this.at++;
        const value = this.value(property);
        property.children!.push(value);
        property.length = value.offset + value.length - keyStart;
        this.space();
        const next = text.charCodeAt(this.at);
        if (next === 125) break;
        if (next !== 44 /* , */) throw new NotStrict();
        this.at++;
      }
    this.at++;
    node.length = this.at - node.offset;
    return node;
  }

  private array(parent: Mutable | undefined): Mutable {
    const { text } = this;
    const node = { type: 'array', offset: this.at, length: -1, parent, children: [] as Node[] } as Mutable;
    this.at++;
    this.space();
    if (text.charCodeAt(this.at) !== 93 /* ] */)
      for (;;) {
        node.children!.push(this.value(node));
        this.space();
        const next = text.charCodeAt(this.at);
        if (next === 93) break;
        if (next !== 44) throw new NotStrict();
        this.at++;
      }
    this.at++;
    node.length = this.at - node.offset;
    return node;
  }

  /** A string from its opening quote; its value. An escape is read by JSON.parse, whose escapes JSON's are. */
  private string(): string {
    const { text } = this;
    const start = this.at;
    let escaped = false;
    let i = start + 1;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 34) break;
      if (c === 92 /* \ */) {
        escaped = true;
        i += 2;
        continue;
      }
      // A control character, or the end of the text: not a string jsonc-parser reads without an error.
      if (!(c >= 32)) throw new NotStrict();
      i++;
    }
    this.at = i + 1;
    if (!escaped) return text.slice(start + 1, i);
    try {
      return JSON.parse(text.slice(start, i + 1)) as string;
    } catch {
      throw new NotStrict();
    }
  }
}
