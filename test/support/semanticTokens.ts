/** Semantic tokens read back as `text:type.modifier…`, one string a token, for assertions. */
import { SEMANTIC_LEGEND } from '../../server/services/semanticTokens';

export function readTokens(text: string, data: readonly number[]): string[] {
  const lines = text.split('\n');
  const tokens: string[] = [];
  let line = 0;
  let char = 0;
  for (let i = 0; i < data.length; i += 5) {
    line += data[i];
    char = data[i] === 0 ? char + data[i + 1] : data[i + 1];
    const mods = SEMANTIC_LEGEND.tokenModifiers.filter((_, b) => data[i + 4] & (1 << b));
    const type = SEMANTIC_LEGEND.tokenTypes[data[i + 3]];
    tokens.push(`${lines[line].slice(char, char + data[i + 2])}:${type}${mods.length ? `.${mods.join('.')}` : ''}`);
  }
  return tokens;
}
