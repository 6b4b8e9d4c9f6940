/**
 * TEST BUILD ONLY. The scripted engine's tokenizer: every run of letters or digits is a token, and
 * so is every other character, except that Chinese, Japanese and Korean characters are one token
 * each (as in BERT's WordPiece, which WebLLM's embedding models use, and close to the BPE of its
 * chat models). Whitespace goes with the token after it, so decoding the ids gives the text back.
 * Known pieces get ids as they are first seen.
 */
const CJK = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}';
const PIECES = new RegExp(
  `\\s*(?:[${CJK}]|(?:(?![${CJK}])[\\p{L}\\p{N}])+|[^\\s\\p{L}\\p{N}])|\\s+$`,
  'gu',
);

const ids = new Map<string, number>();
const pieces: string[] = [];

export function scriptedEncode(text: string): number[] {
  return (text.match(PIECES) ?? []).map((piece) => {
    let id = ids.get(piece);
    if (id === undefined) {
      id = pieces.push(piece) - 1;
      ids.set(piece, id);
    }
    return id;
  });
}

export function scriptedDecode(tokenIds: readonly number[]): string {
  return tokenIds.map((id) => pieces[id] ?? '').join('');
}
