import { describe, expect, it } from 'vitest';
import { restoreDocumentState } from './documentStore';

describe('restoreDocumentState', () => {
  it('keeps the document language Nook ships, and reads any other (or none) as English', () => {
    expect(restoreDocumentState({ documents: {}, ocrLanguage: 'fra' }).ocrLanguage).toBe('fra');
    expect(restoreDocumentState({ documents: {}, ocrLanguage: 'klingon' }).ocrLanguage).toBe('eng');
    expect(restoreDocumentState({ documents: {} }).ocrLanguage).toBe('eng');
  });

  it('keeps documents read by OCR from an image', () => {
    const image = {
      id: 'd1',
      conversationId: 'c1',
      name: 'note.png',
      kind: 'image',
      pageCount: null,
      chars: 10,
      preview: 'Night ferry',
      addedAt: 1,
    };
    expect(restoreDocumentState({ documents: { d1: image } }).documents.d1).toEqual(image);
  });

  it('keeps the user’s table templates that still make a table, and drops the rest', () => {
    const good = { name: 'Shop', fields: [{ name: 'Total', type: 'money' }] };
    const restored = restoreDocumentState({
      documents: {},
      tableTemplates: [
        good,
        { name: 'Statement', fields: [{ name: 'Amount', type: 'money' }], rowsPer: 'item' },
        {
          name: 'Twice',
          fields: [
            { name: 'A', type: 'text' },
            { name: 'a', type: 'text' },
          ],
        },
        { name: 'Odd type', fields: [{ name: 'A', type: 'colour' }] },
        'not a template',
      ],
    });
    // A template saved before rows per item existed has a row per document.
    expect(restored.tableTemplates).toEqual([
      { ...good, rowsPer: 'document' },
      { name: 'Statement', fields: [{ name: 'Amount', type: 'money' }], rowsPer: 'item' },
    ]);
    expect(restoreDocumentState({ documents: {} }).tableTemplates).toEqual([]);
  });
});
