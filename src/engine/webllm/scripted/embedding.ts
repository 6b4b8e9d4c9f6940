/**
 * TEST BUILD ONLY. The scripted engine's embedding model: character trigrams of the words, hashed
 * into a fixed-size unit vector. Similar spellings land close together, which is enough to test
 * the retrieval plumbing; it knows nothing of meaning.
 */
const DIMENSIONS = 256;

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

export function scriptedEmbedding(text: string): number[] {
  const vector = new Array<number>(DIMENSIONS).fill(0);
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    const padded = ` ${word} `;
    for (let i = 0; i + 3 <= padded.length; i++) {
      const index = hash(padded.slice(i, i + 3)) % DIMENSIONS;
      vector[index] = (vector[index] ?? 0) + 1;
    }
  }
  const norm = Math.hypot(...vector) || 1;
  return vector.map((v) => v / norm);
}
