import { describe, expect, it } from 'vitest';
import type { Chunk } from './chunk';
import { buildRetrievalIndex, fuseRankings, rankBySimilarity } from './retrieve';

const chunk = (index: number, text: string, page: number): Chunk => ({
  index,
  text,
  pages: [page, page],
  start: 0,
});

describe('retrieval', () => {
  const index = buildRetrievalIndex([
    chunk(0, 'The tenant pays rent on the first day of every month.', 1),
    chunk(1, 'Either party may terminate the agreement with ninety days notice.', 4),
    chunk(2, 'The landlord maintains the heating system and the roof.', 7),
  ]);

  it('finds the passage that answers a question', () => {
    expect(index.search('When can the agreement be terminated?', 2)[0]?.pages).toEqual([4, 4]);
    expect(index.search('who repairs the heating', 1)[0]?.index).toBe(2);
  });

  it('tolerates other word forms', () => {
    expect(index.search('termination notice', 1)[0]?.index).toBe(1);
  });

  it('finds Chinese passages, which have no spaces between words', () => {
    const chinese = buildRetrievalIndex([
      chunk(0, '绿茶的制作需要杀青、揉捻和干燥。', 1),
      chunk(1, '乌龙茶主要产自福建和台湾。', 2),
    ]);
    expect(chinese.search('乌龙茶的产地在哪里？', 1)[0]?.index).toBe(1);
    expect(chinese.search('绿茶是怎样制作的', 1)[0]?.index).toBe(0);
  });

  it('finds nothing for unrelated or empty questions', () => {
    expect(index.search('quantum chromodynamics', 3)).toEqual([]);
    expect(index.search('what is the', 3)).toEqual([]);
  });
});

describe('ranking by meaning, and fusing rankings', () => {
  const chunks = [chunk(0, 'a', 1), chunk(1, 'b', 2), chunk(2, 'c', 3)];

  it('orders chunks by cosine similarity and drops weak matches', () => {
    const vectors = [
      [1, 0],
      [0.6, 0.8],
      [0, 1],
    ];
    expect(rankBySimilarity([0, 1], vectors, chunks, 3, 0.5).map((c) => c.index)).toEqual([2, 1]);
  });

  it('puts chunks that both rankings like first', () => {
    const [a, b, c] = chunks as [(typeof chunks)[0], (typeof chunks)[0], (typeof chunks)[0]];
    expect(
      fuseRankings(
        [
          [a, b],
          [b, c],
        ],
        3,
      ).map((x) => x.index),
    ).toEqual([1, 0, 2]);
  });
});
