// `node scripts/make-document-fixtures.mjs`: writes the document fixtures of e2e/fixtures/documents/
// (see the README there). Deterministic: running it again rewrites the same bytes, so the output is
// committed and tests never depend on this script having run. Needs only devDependencies (pdf-lib,
// and JSZip, which mammoth brings) and ../shared/fixtures/tracemonkey.pdf.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { png } from './png.mjs';
import JSZip from 'jszip';
import { PDFDocument, rgb } from 'pdf-lib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'e2e/fixtures/documents');
const tracemonkey = join(root, '../shared/fixtures/tracemonkey.pdf');

/** A small deterministic PRNG (mulberry32), so every run writes identical files. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const written = [];
function write(name, data) {
  writeFileSync(join(out, name), data);
  written.push([name, Buffer.byteLength(data)]);
}

// --- plain text, Markdown, HTML -------------------------------------------------------------

const notesTxt = `Meeting notes: the garden cooperative, spring planning

We agreed to plant the north beds with beans and squash this year. Amélie will order seeds from the usual supplier before the end of the month; the budget is 240 euros.

The water tank leaks again. Jonas thinks the seal is worn — he will replace it on Saturday. Until then, please water by hand in the mornings.

Next meeting: the first Tuesday of May, 7 pm, in the tool shed.
`;

const notesMd = `# Garden cooperative

Spring planning, written up by **Amélie**.

## Decisions

- Plant the _north beds_ with beans and squash.
- Order seeds before the end of the month (budget: 240 euros).

## Open issues

1. The water tank leaks; Jonas replaces the seal on Saturday.
2. Water by hand in the mornings until then.

\`\`\`
beds: north, south, greenhouse
\`\`\`

> Next meeting: the first Tuesday of May, 7 pm, in the tool shed.
`;

const pageHtml = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Lighthouse keeping: a short guide</title>
    <style>
      body {
        font-family: serif;
      }
      .secret {
        content: 'STYLE-MUST-NOT-APPEAR';
      }
    </style>
    <script>
      window.leak = 'SCRIPT-MUST-NOT-APPEAR';
    </script>
  </head>
  <body>
    <noscript>NOSCRIPT-MUST-NOT-APPEAR</noscript>
    <template><p>TEMPLATE-MUST-NOT-APPEAR</p></template>
    <h1>Lighthouse keeping</h1>
    <p>
      The lamp must be lit half an hour before sunset &amp; put out at sunrise. Keepers log every
      <em>change</em> of weather.
    </p>
    <ul>
      <li>Trim the wick.</li>
      <li>Polish the lens.</li>
    </ul>
    <table>
      <tr>
        <th>Task</th>
        <th>When</th>
      </tr>
      <tr>
        <td>Wind the clockwork</td>
        <td>every 4 hours</td>
      </tr>
    </table>
    <p>Fog signal:<br />one blast every 30 seconds.</p>
    <script type="module">
      console.log('SCRIPT-MUST-NOT-APPEAR');
    </script>
  </body>
</html>
`;

// --- long.txt: ~600 KB of varied English prose --------------------------------------------------

/**
 * A chronicle of an invented harbour town, chapter by chapter. Sentences come from templates
 * filled by a seeded PRNG, so the text is varied but reproducible; each chapter also states one
 * fact exactly once (listed in FACTS), for tests that ask questions about a long document.
 */
const CHAPTERS = [
  ['The founding of Wexmoor', 'the first settlers', 'timber', 'the old quay'],
  ['Fishing and the herring years', 'the herring fleet', 'nets', 'the fish market'],
  ['The lighthouse on Gull Point', 'the keepers', 'lamp oil', 'the lantern room'],
  ['Shipbuilding on the river', 'the shipwrights', 'oak planks', 'the slipways'],
  ['The great storm', 'the harbour master', 'sandbags', 'the sea wall'],
  ['Guilds and markets', 'the merchant guild', 'salt', 'the guild hall'],
  ['The school by the chapel', 'the schoolteachers', 'slates', 'the schoolroom'],
  ['Weather and the seasons', 'the farmers', 'barley', 'the upland fields'],
  ['The coming of the railway', 'the railway company', 'iron rails', 'the station'],
  ['Festivals and music', 'the town band', 'lanterns', 'the market square'],
  ['Sickness and the new hospital', 'the physicians', 'clean water', 'the hospital wards'],
  ['The mill and the weavers', 'the weavers', 'wool', 'the mill race'],
  ['Smugglers and the customs house', 'the customs officers', 'brandy', 'the sea caves'],
  ['The flood of the lower town', 'the lower town families', 'boats', 'the flooded streets'],
  ['Newspapers and the printing press', 'the printers', 'paper', 'the print shop'],
  ['Emigration across the sea', 'the emigrants', 'trunks', 'the departure pier'],
  ['The lifeboat station', 'the lifeboat crew', 'oars', 'the boathouse'],
  ['Electric light', 'the engineers', 'copper wire', 'the power house'],
  ['The two wars', 'the volunteers', 'ration books', 'the harbour defences'],
  ['Tourism and the promenade', 'the hotel keepers', 'deck chairs', 'the promenade'],
  ['The closing of the mill', 'the mill workers', 'looms', 'the empty sheds'],
  ['Wexmoor today', 'the town council', 'solar panels', 'the new marina'],
];

export const FACTS = [
  'The first house in Wexmoor was built by Maren Tolvik in 1612.',
  'In the best herring year, 1788, the fleet landed 41,000 barrels of fish.',
  'The lighthouse on Gull Point was first lit on the 3rd of October 1847.',
  'The largest ship ever built on the river was the barque Northern Lark, launched in 1859.',
  'The great storm of 1866 destroyed 73 boats in a single night.',
  'The guild hall burned down in 1701 and was rebuilt in red sandstone.',
  'The first schoolteacher, Ilse Brandt, taught 38 children in one room.',
  'The coldest winter on record froze the harbour for 19 days in 1895.',
  'The railway reached Wexmoor on the 1st of June 1872.',
  'The Lantern Festival has been held every August since 1821.',
  'The hospital opened in 1889 with 24 beds and two physicians.',
  'At its peak the mill employed 640 weavers.',
  'The customs house seized 900 casks of brandy in the winter of 1811.',
  'The flood of 1903 reached a height of 2.4 metres in Harbour Lane.',
  'The Wexmoor Gazette printed its first issue in 1834 at a price of one penny.',
  'About 5,200 people left Wexmoor for the New World between 1840 and 1900.',
  'The lifeboat Hope of Wexmoor saved 212 lives in forty years of service.',
  'Electric street lamps were switched on for the first time in 1908.',
  'During the wars the harbour was closed to fishing for 31 months.',
  'The promenade, 1.8 kilometres long, was completed in 1926.',
  'The mill closed for good in 1967.',
  'Today about 14,000 people live in Wexmoor.',
];

const FIRST = [
  'Anna',
  'Bram',
  'Clara',
  'Dag',
  'Edda',
  'Finn',
  'Greta',
  'Hal',
  'Ingrid',
  'Jakob',
  'Karin',
  'Lars',
  'Mette',
  'Nils',
  'Oda',
  'Per',
  'Ragna',
  'Sven',
  'Tove',
  'Ulf',
];
const LAST = [
  'Aalto',
  'Berg',
  'Dahl',
  'Eklund',
  'Falk',
  'Holm',
  'Lind',
  'Moberg',
  'Nygaard',
  'Strand',
  'Vik',
  'Wold',
];
const ADJ = [
  'patient',
  'stubborn',
  'careful',
  'quiet',
  'restless',
  'generous',
  'practical',
  'proud',
  'weary',
  'hopeful',
  'cautious',
  'clever',
];
const TIME = [
  'In the spring',
  'By midsummer',
  'That autumn',
  'Over the winter',
  'Some years later',
  'Within a decade',
  'Before long',
  'At first',
  'In the end',
  'For a while',
];
const VERB = [
  'argued about',
  'depended on',
  'complained about',
  'invested in',
  'wrote about',
  'quarrelled over',
  'relied on',
  'improved',
  'neglected',
  'celebrated',
];
const RESULT = [
  'the town grew a little richer',
  'prices rose sharply',
  'many families moved away',
  'the council changed its mind',
  'nobody was quite satisfied',
  'the old ways slowly faded',
  'visitors began to arrive',
  'the work became safer',
  'the harbour grew busier',
  'records became more careful',
];

const TEMPLATES = [
  (w) => `${w.time}, ${w.group} ${w.verb} ${w.thing}, and ${w.result}.`,
  (w) =>
    `${w.person}, a ${w.adj} member of ${w.group}, kept a diary that mentions ${w.thing} on almost every page.`,
  (w) => `According to the parish records of ${w.year}, ${w.number} people worked near ${w.place}.`,
  (w) => `Not everyone agreed; ${w.person} wrote that ${w.thing} cost more than it was worth.`,
  (w) =>
    `The price of ${w.thing} doubled between ${w.year} and ${w.year2}, which ${w.group} found hard to bear.`,
  (w) => `Visitors who came to ${w.place} often remarked on how ${w.adj} the people seemed.`,
  (w) =>
    `${w.time}, a dispute over ${w.thing} went before the magistrate, who sided with ${w.group}.`,
  (w) =>
    `It is said that ${w.person} once carried ${w.thing} all the way from ${w.place} in a single night.`,
  (w) =>
    `Letters from the period describe ${w.place} as crowded, noisy and smelling of ${w.thing}.`,
  (w) => `Whether this was wise is still debated, but ${w.result}.`,
  (w) => `A council report of ${w.year} counted ${w.number} complaints about ${w.place}.`,
  (w) => `${w.person} and ${w.person2} disagreed about ${w.thing} for most of their lives.`,
];

function longText() {
  const random = prng(20240611);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const paragraphs = [
    'The Chronicle of Wexmoor',
    'A history of an invented harbour town, written to test how Nook summarizes documents far longer than a model\u2019s context window.',
  ];
  CHAPTERS.forEach(([title, group, thing, place], c) => {
    paragraphs.push(`Chapter ${c + 1}: ${title}`);
    const paragraphCount = 58;
    const factAt = Math.floor(random() * paragraphCount);
    for (let p = 0; p < paragraphCount; p++) {
      const sentences = [];
      const count = 4 + Math.floor(random() * 4);
      for (let s = 0; s < count; s++) {
        const year = 1600 + c * 17 + Math.floor(random() * 40);
        const words = {
          time: pick(TIME),
          group,
          thing: random() < 0.6 ? thing : pick(CHAPTERS)[2],
          place: random() < 0.6 ? place : pick(CHAPTERS)[3],
          person: `${pick(FIRST)} ${pick(LAST)}`,
          person2: `${pick(FIRST)} ${pick(LAST)}`,
          adj: pick(ADJ),
          verb: pick(VERB),
          result: pick(RESULT),
          year,
          year2: year + 2 + Math.floor(random() * 20),
          number: 10 + Math.floor(random() * 900),
        };
        sentences.push(pick(TEMPLATES)(words));
      }
      if (p === factAt) sentences.splice(Math.floor(random() * sentences.length), 0, FACTS[c]);
      const text = sentences.join(' ');
      paragraphs.push(text.charAt(0).toUpperCase() + text.slice(1));
    }
  });
  return `${paragraphs.join('\n\n')}\n`;
}

// --- report.docx: a real Word document built from its parts ----------------------------------

/** A Word document built from its parts with JSZip, its body the given paragraphs (XML). */
export async function docx(paragraphs) {
  const zip = new JSZip();
  const date = new Date('2024-01-01T00:00:00Z'); // fixed, for identical bytes on every run
  // No folder entries: JSZip would date them now, and a Word document needs none.
  const add = (path, content) => zip.file(path, content, { date, createFolders: false });
  add(
    '[Content_Types].xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
  );
  add(
    '_rels/.rels',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
  );
  add(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${paragraphs.join('')}<w:sectPr/></w:body></w:document>`,
  );
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', platform: 'UNIX' });
}

/** One paragraph of a Word document's body: XML-escaped text, with a style if given. */
export const docxParagraph = (text, style) =>
  `<w:p>${style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : ''}<w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;

function reportDocx() {
  return docx([
    docxParagraph('Quarterly report: the harbour ferry', 'Heading1'),
    docxParagraph(
      'Passenger numbers rose by 12 percent this quarter, mostly on the morning crossings. The new timetable has reduced waiting times at both piers.',
    ),
    docxParagraph(
      'Fuel costs remain the largest expense. We recommend replacing the older engine before winter &amp; reviewing the maintenance contract.',
    ),
    `<w:p><w:r><w:t>Prepared by the </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>operations team</w:t></w:r><w:r><w:t>.</w:t></w:r></w:p>`,
  ]);
}

// --- PDFs ---------------------------------------------------------------------------------------

async function imageOnlyPdf() {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setCreationDate(new Date('2024-01-01T00:00:00Z'));
  doc.setModificationDate(new Date('2024-01-01T00:00:00Z'));
  const image = await doc.embedPng(png(64, 64, (x, y) => [x * 4, y * 4, 128]));
  for (let i = 0; i < 3; i++) {
    const page = doc.addPage([595, 842]);
    page.drawRectangle({ x: 60, y: 500, width: 475, height: 280, color: rgb(0.8, 0.85, 0.9) });
    page.drawImage(image, { x: 100, y: 150, width: 395, height: 300 });
  }
  return doc.save({ useObjectStreams: false });
}

/** RC4, as the PDF standard security handler uses it (Node's OpenSSL 3 no longer offers it). */
function rc4(key, data) {
  const s = Array.from({ length: 256 }, (_, i) => i);
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + s[i] + key[i % key.length]) & 255;
    [s[i], s[j]] = [s[j], s[i]];
  }
  const result = Buffer.alloc(data.length);
  for (let n = 0, i = 0, j = 0; n < data.length; n++) {
    i = (i + 1) & 255;
    j = (j + s[i]) & 255;
    [s[i], s[j]] = [s[j], s[i]];
    result[n] = data[n] ^ s[(s[i] + s[j]) & 255];
  }
  return result;
}

const md5 = (...parts) => createHash('md5').update(Buffer.concat(parts)).digest();
const PAD = Buffer.from('28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a', 'hex');
const padded = (password) => Buffer.concat([Buffer.from(password, 'latin1'), PAD]).subarray(0, 32);

/** RC4 with the key, then 19 more passes with the key XORed with the pass number (R3). */
function rc4Rounds(key, data) {
  let result = rc4(key, data);
  for (let i = 1; i <= 19; i++) result = rc4(Buffer.from(key.map((b) => b ^ i)), result);
  return result;
}

/**
 * A password-protected PDF written by hand: PDF 1.4 standard security handler, revision 3,
 * 128-bit RC4 (ISO 32000-1, 7.6.3, algorithms 2, 3, 5). User password "nook-user" (needed to
 * open it), owner password "nook-owner". Its one page says "Secret quarterly numbers".
 */
function encryptedPdf() {
  const userPassword = 'nook-user';
  const ownerPassword = 'nook-owner';
  const permissions = -3904; // print and copy refused; the bits the spec requires are set
  const id = md5(Buffer.from('nook encrypted fixture'));
  const keyLength = 16;

  // Algorithm 3: the /O entry.
  let ownerKey = md5(padded(ownerPassword));
  for (let i = 0; i < 50; i++) ownerKey = md5(ownerKey);
  const O = rc4Rounds(ownerKey.subarray(0, keyLength), padded(userPassword));
  // Algorithm 2: the file key.
  const p = Buffer.alloc(4);
  p.writeInt32LE(permissions);
  let key = md5(padded(userPassword), O, p, id);
  for (let i = 0; i < 50; i++) key = md5(key.subarray(0, keyLength));
  key = key.subarray(0, keyLength);
  // Algorithm 5: the /U entry.
  const U = Buffer.concat([rc4Rounds(key, md5(PAD, id)), Buffer.alloc(16)]);

  const objectKey = (number) => {
    const suffix = Buffer.from([number & 255, (number >> 8) & 255, (number >> 16) & 255, 0, 0]);
    return md5(key, suffix).subarray(0, Math.min(keyLength + 5, 16));
  };
  const content = Buffer.from(
    'BT /F1 24 Tf 72 720 Td (Secret quarterly numbers) Tj ET\n',
    'latin1',
  );
  const encryptedContent = rc4(objectKey(4), content);
  const hex = (b) => `<${b.toString('hex')}>`;

  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    Buffer.concat([
      Buffer.from(`<< /Length ${encryptedContent.length} >>\nstream\n`, 'latin1'),
      encryptedContent,
      Buffer.from('\nendstream', 'latin1'),
    ]),
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Filter /Standard /V 2 /R 3 /Length 128 /P ${permissions} /O ${hex(O)} /U ${hex(U)} >>`,
  ];
  return assemblePdf(objects, `/Root 1 0 R /Encrypt 6 0 R /ID [${hex(id)} ${hex(id)}]`);
}

/**
 * Japanese text in a non-embedded CID font with a predefined CMap (UniJIS-UCS2-H): pdf.js can
 * read it only with its CMap files, so it shows whether the app serves them. The page says
 * "Nook ファイル 日本語のテキスト" (in the CMap's UCS-2 codes).
 */
function cjkPdf() {
  const ucs2 = (text) =>
    Buffer.from([...text].flatMap((c) => [c.charCodeAt(0) >> 8, c.charCodeAt(0) & 255]));
  const content = Buffer.from(
    `BT /F1 24 Tf 72 720 Td <${ucs2('Nook ファイル 日本語のテキスト').toString('hex')}> Tj ET\n`,
    'latin1',
  );
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    Buffer.concat([
      Buffer.from(`<< /Length ${content.length} >>\nstream\n`, 'latin1'),
      content,
      Buffer.from('\nendstream', 'latin1'),
    ]),
    '<< /Type /Font /Subtype /Type0 /BaseFont /KozMinPr6N-Regular /Encoding /UniJIS-UCS2-H /DescendantFonts [6 0 R] >>',
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /KozMinPr6N-Regular /CIDSystemInfo << /Registry (Adobe) /Ordering (Japan1) /Supplement 6 >> /FontDescriptor 7 0 R /DW 1000 >>',
    '<< /Type /FontDescriptor /FontName /KozMinPr6N-Regular /Flags 6 /FontBBox [-437 -340 1147 1317] /ItalicAngle 0 /Ascent 1137 /Descent -349 /CapHeight 742 /StemV 80 >>',
  ];
  return assemblePdf(objects, '/Root 1 0 R');
}

/** Numbers the objects from 1, writes the cross-reference table and the trailer. */
function assemblePdf(objects, trailer) {
  const parts = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = parts[0].length;
  const offsets = [];
  objects.forEach((body, i) => {
    const bytes = Buffer.concat([
      Buffer.from(`${i + 1} 0 obj\n`, 'latin1'),
      Buffer.isBuffer(body) ? body : Buffer.from(body, 'latin1'),
      Buffer.from('\nendobj\n', 'latin1'),
    ]);
    offsets.push(offset);
    offset += bytes.length;
    parts.push(bytes);
  });
  const xref = [
    'xref',
    `0 ${objects.length + 1}`,
    '0000000000 65535 f ',
    ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n `),
    'trailer',
    `<< /Size ${objects.length + 1} ${trailer} >>`,
    'startxref',
    String(offset),
    '%%EOF',
    '',
  ].join('\n');
  parts.push(Buffer.from(xref, 'latin1'));
  return Buffer.concat(parts);
}

// --- write them all -----------------------------------------------------------------------------

async function main() {
  mkdirSync(out, { recursive: true });
  write('notes.txt', notesTxt);
  write('notes.md', notesMd);
  write('page.html', pageHtml);
  write('report.docx', await reportDocx());
  write('empty.txt', '');
  const random = prng(7);
  write('binary.txt', Buffer.from(Array.from({ length: 4096 }, () => Math.floor(random() * 256))));
  write('long.txt', longText());
  write('image-only.pdf', await imageOnlyPdf());
  write('encrypted.pdf', encryptedPdf());
  write('cjk-cmap.pdf', cjkPdf());
  const paper = readFileSync(tracemonkey);
  write('tracemonkey.pdf', paper); // a copy, so tests do not depend on ../shared
  // The first 150 KB of the paper: the header and first pages' objects, no cross-reference table
  // or trailer (those are at the end), as a download cut short leaves it.
  write('truncated.pdf', paper.subarray(0, TRUNCATED_BYTES));
  for (const [name, bytes] of written) console.log(`${name.padEnd(24)} ${bytes} bytes`);
}

export const TRUNCATED_BYTES = 150_000;

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
