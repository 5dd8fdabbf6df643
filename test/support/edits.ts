/** Random edits of a valid text, for holding a fast reader to the parser it stands in for. */
export function editedText(base: string, random: () => number, alphabet: string[], maxEdits: number): string {
  let text = base;
  for (let k = 1 + Math.floor(random() * maxEdits); k > 0; k--) {
    const at = Math.floor(random() * text.length);
    const del = random() < 0.5 ? Math.floor(random() * 3) : 0;
    const ins = random() < 0.7 ? alphabet[Math.floor(random() * alphabet.length)] : '';
    text = text.slice(0, at) + ins + text.slice(at + del);
  }
  return text;
}
