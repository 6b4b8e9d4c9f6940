#!/usr/bin/env node
// make-gguf.mjs - writes a tiny llama-architecture GGUF with deterministic weights,
// for end-to-end tests that run the real llama.cpp engine (wllama) on the CPU.
//
// The text it writes is nonsense, but it is made of whole vocabulary words only, so it is
// always printable and re-tokenizes to the same ids. How it is shaped (n_embd = 64):
//   channel 0          a constant for every token; output.weight on it is a per-token bias:
//                      byte, control and piece tokens get -40, so they are never sampled
//   channels 32..43    a one-hot "what comes next" class of the current token (a bigram grammar):
//                      "\n" and other tokens -> slot 0, a slot-k word -> slot k+1, last slot -> ".",
//                      "." -> <|im_end|> or slot 0; <|im_end|> is at -30 in every other class
//   other channels     seeded random noise; the 2 transformer blocks are seeded, random and small
// Each slot holds 3 words (logits M, M-0.5, M-1), so sampling varies the words while greedy
// (temperature 0) always writes the first word of each slot. See NOTES.md.
//
// Usage: node make-gguf.mjs --out FILE [--ctx 2048] [--type f32|q8_0] [--seed 1]
//          [--variant ok|truncated|bad-magic|unknown-arch|html] [--eos-bias 0.25] [--no-eos]
// Library: import { writeGguf, tokenize, GREEDY_REPLY } from './make-gguf.mjs'

import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// ---------------------------------------------------------------- GGUF constants
const GGUF_MAGIC = 0x46554747; // "GGUF" read as little-endian uint32
const GGUF_VERSION = 3;
const ALIGNMENT = 32;

const T = {
  UINT8: 0,
  INT8: 1,
  UINT16: 2,
  INT16: 3,
  UINT32: 4,
  INT32: 5,
  FLOAT32: 6,
  BOOL: 7,
  STRING: 8,
  ARRAY: 9,
  UINT64: 10,
  INT64: 11,
  FLOAT64: 12,
};
const GGML_F32 = 0;
const GGML_Q8_0 = 8;
const FILE_TYPE = { f32: 0, q8_0: 7 }; // llama_ftype: ALL_F32, MOSTLY_Q8_0

const TOK = { NORMAL: 1, UNKNOWN: 2, CONTROL: 3, USER_DEFINED: 4, UNUSED: 5, BYTE: 6 };

// ---------------------------------------------------------------- model shape
export const HPARAMS = Object.freeze({
  n_layer: 2,
  n_embd: 64,
  n_head: 4,
  n_head_kv: 2,
  n_ff: 128,
  rms_eps: 1e-5,
  rope_freq_base: 10000,
});

// ---------------------------------------------------------------- vocabulary
const SPACE = '\u2581'; // SentencePiece space marker

// The grammar: a sentence is one word from each slot, then ".". Words are unique across slots.
// The first word of each slot is the greedy choice.
export const SLOTS = Object.freeze([
  ['this', 'that', 'one'],
  ['is', 'was', 'seems'],
  ['a', 'the', 'my'],
  ['tiny', 'small', 'little'],
  ['test', 'demo', 'toy'],
  ['model', 'reply', 'text'],
  ['made', 'built', 'run'],
  ['for', 'by', 'with'],
  ['nook', 'you', 'us'],
  ['today', 'here', 'now'],
]);

/** Reply text that greedy decoding (temperature 0) gives for any chat prompt, when eos-bias >= 0.25 (the default). */
export const GREEDY_REPLY = ' ' + SLOTS.map((s) => s[0]).join(' ') + '.';

function buildVocab() {
  const tokens = [];
  const scores = [];
  const types = [];
  const index = new Map();
  const add = (text, type, score = 0) => {
    if (index.has(text)) return index.get(text);
    index.set(text, tokens.length);
    tokens.push(text);
    scores.push(score);
    types.push(type);
    return tokens.length - 1;
  };
  add('<unk>', TOK.UNKNOWN);
  add('<s>', TOK.CONTROL);
  add('</s>', TOK.CONTROL);
  add('<|im_start|>', TOK.CONTROL);
  add('<|im_end|>', TOK.CONTROL);
  for (let b = 0; b < 256; b++)
    add(`<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`, TOK.BYTE);
  add(SPACE, TOK.NORMAL, -10);
  for (let c = 0x21; c <= 0x7e; c++) add(String.fromCharCode(c), TOK.NORMAL, -10);
  // every word as "▁word" plus the chain of its prefixes "▁w", "▁wo", ..., so SentencePiece
  // merges can build it; longer pieces score higher
  for (const w of SLOTS.flat()) {
    for (let i = 1; i <= w.length; i++) add(SPACE + w.slice(0, i), TOK.NORMAL, -10 + i);
  }
  return { tokens, scores, types, index };
}

export const VOCAB = buildVocab();
const ID = (text) => {
  const id = VOCAB.index.get(text);
  if (id === undefined) throw new Error(`no token ${text}`);
  return id;
};
export const TOKEN_IDS = Object.freeze({
  unk: 0,
  bos: 1,
  eos_s: 2,
  im_start: ID('<|im_start|>'),
  im_end: ID('<|im_end|>'),
  newline: ID('<0x0A>'),
  period: ID('.'),
});

const CHATML_MESSAGES =
  "{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}{% endfor %}";

export const CHAT_TEMPLATE =
  CHATML_MESSAGES + "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

/**
 * ChatML with Qwen3's thinking switch: asked not to think (chat_template_kwargs enable_thinking
 * false), the template writes an empty thought before the answer, as Qwen3's own does.
 */
export const THINKING_CHAT_TEMPLATE =
  CHATML_MESSAGES +
  "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}" +
  "{% if enable_thinking is defined and enable_thinking is false %}{{ '<think>\\n\\n</think>\\n\\n' }}{% endif %}{% endif %}";

// ---------------------------------------------------------------- tokenizer (same result as llama.cpp SPM)
/**
 * Tokenize like llama.cpp does for this vocab (SPM, add_space_prefix, byte fallback).
 * parseSpecial: control tokens written as text become tokens (the server does this for prompts).
 */
export function tokenize(text, { addBos = true, parseSpecial = true } = {}) {
  const { tokens, scores, types, index } = VOCAB;
  const specials = [];
  for (let i = 0; i < tokens.length; i++) {
    if (types[i] === TOK.UNKNOWN || (parseSpecial && types[i] === TOK.CONTROL)) specials.push(i);
  }
  specials.sort((a, b) => tokens[b].length - tokens[a].length);
  // split on special-token text
  let frags = [{ text }];
  for (const sid of specials) {
    const st = tokens[sid];
    const next = [];
    for (const f of frags) {
      if (f.id !== undefined) {
        next.push(f);
        continue;
      }
      let rest = f.text;
      let at;
      while ((at = rest.indexOf(st)) >= 0) {
        if (at > 0) next.push({ text: rest.slice(0, at) });
        next.push({ id: sid });
        rest = rest.slice(at + st.length);
      }
      if (rest.length) next.push({ text: rest });
    }
    frags = next;
  }
  const out = addBos ? [TOKEN_IDS.bos] : [];
  let prevSpecial = true;
  for (const f of frags) {
    if (f.id !== undefined) {
      out.push(f.id);
      prevSpecial = true;
      continue;
    }
    const s = ((prevSpecial ? ' ' : '') + f.text).replaceAll(' ', SPACE);
    prevSpecial = false;
    const syms = Array.from(s); // code points
    for (;;) {
      let best = -1;
      let bestScore = -Infinity;
      for (let i = 0; i + 1 < syms.length; i++) {
        const id = index.get(syms[i] + syms[i + 1]);
        if (id !== undefined && scores[id] > bestScore) {
          best = i;
          bestScore = scores[id];
        }
      }
      if (best < 0) break;
      syms.splice(best, 2, syms[best] + syms[best + 1]);
    }
    for (const sym of syms) {
      const id = index.get(sym);
      if (id !== undefined) out.push(id);
      else for (const b of Buffer.from(sym, 'utf8')) out.push(5 + b);
    }
  }
  return out;
}

// ---------------------------------------------------------------- seeded random numbers
function rng(seed) {
  let a = seed >>> 0 || 1;
  const next = () => {
    // mulberry32
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  let spare = null;
  const normal = () => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    let u = 0;
    while (u === 0) u = next();
    const v = next();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
  return { next, normal };
}

// ---------------------------------------------------------------- weights
const M = 6; // logit of the expected next word over the others
const RANK_STEP = 0.5; // logit step between the words of one slot
const BIAS_OFF = -40; // logit of tokens that must never be sampled
const NOISE_LOGIT = 0.05; // std of the seeded logit noise of the words
const EOS_OFF = 30; // <|im_end|> logit below the next word, except after "."
const LAYER_STD = 0.02; // std of the transformer block weights

function buildTensors({ seed, eosBias, noEos }) {
  const { n_layer, n_embd, n_head, n_head_kv, n_ff } = HPARAMS;
  const head_dim = n_embd / n_head;
  const n_vocab = VOCAB.tokens.length;
  const R = rng(seed);

  // classes of the current token: k = 0..9 "next is a slot-k word", 10 "next is '.'", 11 "after '.'"
  // (<|im_end|> or a slot-0 word). Tokens outside the grammar ("\n", bytes, pieces...) are class 0.
  const N_CLASS = SLOTS.length + 2;
  const C_PERIOD = SLOTS.length;
  const C_AFTER = SLOTS.length + 1;
  // channel 0 is alone in Q8_0 block 0 with noise; the class channels start block 1, so each
  // large weight is the maximum of its block and survives q8_0 quantization almost exactly
  const CH_CONST = 0;
  const CH_CLASS = 32;
  const isNoise = (j) => j !== CH_CONST && (j < CH_CLASS || j >= CH_CLASS + N_CLASS);

  const classOf = new Int32Array(n_vocab).fill(0);
  classOf[TOKEN_IDS.period] = C_AFTER;
  SLOTS.forEach((slot, k) =>
    slot.forEach((w) => {
      classOf[ID(SPACE + w)] = k + 1 < SLOTS.length ? k + 1 : C_PERIOD;
    }),
  );

  // token embeddings: constant A, class one-hot C, seeded noise of norm NN; all rows the same norm
  const A = 3,
    C = 3,
    NN = 2;
  const hn = Math.sqrt(n_embd) / Math.sqrt(A * A + C * C + NN * NN); // RMS-norm gain
  const tokEmbd = new Float32Array(n_vocab * n_embd);
  for (let t = 0; t < n_vocab; t++) {
    const row = tokEmbd.subarray(t * n_embd, (t + 1) * n_embd);
    row[CH_CONST] = A;
    row[CH_CLASS + classOf[t]] = C;
    let ss = 0;
    for (let j = 0; j < n_embd; j++)
      if (isNoise(j)) {
        row[j] = R.normal();
        ss += row[j] * row[j];
      }
    const f = NN / Math.sqrt(ss);
    for (let j = 0; j < n_embd; j++) if (isNoise(j)) row[j] *= f;
  }

  // output head: logit[t] = bias[t] (channel 0) + L[t][class of the current token] + small noise
  const output = new Float32Array(n_vocab * n_embd);
  const setL = (t, k, logit) => {
    output[t * n_embd + CH_CLASS + k] = logit / (C * hn);
  };
  const words = new Set(SLOTS.flat().map((w) => ID(SPACE + w)));
  const tau = NOISE_LOGIT / (NN * hn); // noise logit std = tau * NN * hn
  for (let t = 0; t < n_vocab; t++) {
    const inGrammar = words.has(t) || t === TOKEN_IDS.period || t === TOKEN_IDS.im_end;
    output[t * n_embd + CH_CONST] = (inGrammar ? 0 : BIAS_OFF) / (A * hn);
    if (words.has(t) || t === TOKEN_IDS.period) {
      for (let j = 0; j < n_embd; j++) if (isNoise(j)) output[t * n_embd + j] = R.normal() * tau;
    }
  }
  SLOTS.forEach((slot, k) =>
    slot.forEach((w, r) => {
      setL(ID(SPACE + w), k, M - RANK_STEP * r);
      if (k === 0) setL(ID(SPACE + w), C_AFTER, M - RANK_STEP * r);
    }),
  );
  setL(TOKEN_IDS.period, C_PERIOD, M);
  // <|im_end|>: -EOS_OFF in every class but "after '.'", where it is M + eosBias, i.e. eosBias
  // above the greedy first word of a new sentence
  for (let k = 0; k < N_CLASS; k++) setL(TOKEN_IDS.im_end, k, -EOS_OFF);
  if (!noEos) setL(TOKEN_IDS.im_end, C_AFTER, M + eosBias);

  const tensors = [];
  // a weight matrix has ne1 rows of ne0 values; output row i is output channel i. Blocks write
  // only into noise channels (writesResidual), so the constant and class channels reach the
  // output head untouched and the final RMS norm can only scale the designed logits, not shift them
  const mat = (name, ne0, ne1, std, writesResidual = false) => {
    const d = new Float32Array(ne0 * ne1);
    for (let i = 0; i < d.length; i++) d[i] = R.normal() * std;
    if (writesResidual)
      for (let row = 0; row < ne1; row++) if (!isNoise(row)) d.fill(0, row * ne0, (row + 1) * ne0);
    tensors.push({ name, ne: [ne0, ne1], data: d });
  };
  const ones = (name, n) => tensors.push({ name, ne: [n], data: new Float32Array(n).fill(1) });

  tensors.push({ name: 'token_embd.weight', ne: [n_embd, n_vocab], data: tokEmbd });
  for (let i = 0; i < n_layer; i++) {
    ones(`blk.${i}.attn_norm.weight`, n_embd);
    mat(`blk.${i}.attn_q.weight`, n_embd, head_dim * n_head, LAYER_STD);
    mat(`blk.${i}.attn_k.weight`, n_embd, head_dim * n_head_kv, LAYER_STD);
    mat(`blk.${i}.attn_v.weight`, n_embd, head_dim * n_head_kv, LAYER_STD);
    mat(`blk.${i}.attn_output.weight`, head_dim * n_head, n_embd, LAYER_STD, true);
    ones(`blk.${i}.ffn_norm.weight`, n_embd);
    mat(`blk.${i}.ffn_gate.weight`, n_embd, n_ff, LAYER_STD);
    mat(`blk.${i}.ffn_up.weight`, n_embd, n_ff, LAYER_STD);
    mat(`blk.${i}.ffn_down.weight`, n_ff, n_embd, LAYER_STD, true);
  }
  ones('output_norm.weight', n_embd);
  tensors.push({ name: 'output.weight', ne: [n_embd, n_vocab], data: output });
  return tensors;
}

// ---------------------------------------------------------------- encoding
function f32ToF16(val) {
  const f = new Float32Array(1);
  const u = new Uint32Array(f.buffer);
  f[0] = val;
  const x = u[0];
  const sign = (x >>> 16) & 0x8000;
  let exp = ((x >>> 23) & 0xff) - 127 + 15;
  let mant = x & 0x7fffff;
  if (exp <= 0) {
    if (exp < -10) return sign;
    mant = (mant | 0x800000) >>> (1 - exp);
    if (mant & 0x1000) mant += 0x2000; // round
    return sign | (mant >>> 13);
  }
  if (exp >= 31) return sign | 0x7c00;
  if (mant & 0x1000) {
    mant += 0x2000;
    if (mant & 0x800000) {
      mant = 0;
      exp += 1;
      if (exp >= 31) return sign | 0x7c00;
    }
  }
  return sign | (exp << 10) | (mant >>> 13);
}

function f16ToF32(h) {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >>> 10) & 0x1f;
  const m = h & 0x3ff;
  if (e === 0) return s * m * 2 ** -24;
  if (e === 31) return m ? NaN : s * Infinity;
  return s * (1 + m / 1024) * 2 ** (e - 15);
}

/** Q8_0: blocks of 32 values, each a float16 scale d then 32 int8, value = d * q. */
function quantizeQ8_0(data) {
  const nb = data.length / 32;
  const out = Buffer.alloc(nb * 34);
  for (let b = 0; b < nb; b++) {
    let amax = 0;
    for (let i = 0; i < 32; i++) amax = Math.max(amax, Math.abs(data[b * 32 + i]));
    const d = amax / 127;
    const dh = f32ToF16(d);
    const dq = f16ToF32(dh);
    out.writeUInt16LE(dh, b * 34);
    for (let i = 0; i < 32; i++) {
      const q = dq === 0 ? 0 : Math.max(-127, Math.min(127, Math.round(data[b * 32 + i] / dq)));
      out.writeInt8(q, b * 34 + 2 + i);
    }
  }
  return out;
}

class Writer {
  constructor() {
    this.parts = [];
    this.size = 0;
  }
  push(buf) {
    this.parts.push(buf);
    this.size += buf.length;
  }
  u32(v) {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(v);
    this.push(b);
  }
  i32(v) {
    const b = Buffer.alloc(4);
    b.writeInt32LE(v);
    this.push(b);
  }
  u64(v) {
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(BigInt(v));
    this.push(b);
  }
  f32(v) {
    const b = Buffer.alloc(4);
    b.writeFloatLE(v);
    this.push(b);
  }
  bool(v) {
    this.push(Buffer.from([v ? 1 : 0]));
  }
  str(s) {
    const b = Buffer.from(s, 'utf8');
    this.u64(b.length);
    this.push(b);
  }
  pad(align) {
    const n = (align - (this.size % align)) % align;
    if (n) this.push(Buffer.alloc(n));
  }
  value(type, v) {
    switch (type) {
      case T.UINT32:
        return this.u32(v);
      case T.INT32:
        return this.i32(v);
      case T.FLOAT32:
        return this.f32(v);
      case T.BOOL:
        return this.bool(v);
      case T.STRING:
        return this.str(v);
      default:
        throw new Error(`type ${type} not written`);
    }
  }
  kv(key, type, v, elemType) {
    this.str(key);
    this.u32(type);
    if (type === T.ARRAY) {
      this.u32(elemType);
      this.u64(v.length);
      for (const e of v) this.value(elemType, e);
    } else {
      this.value(type, v);
    }
  }
  buffer() {
    return Buffer.concat(this.parts, this.size);
  }
}

// ---------------------------------------------------------------- the file
const HTML_PAGE = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>404 Not Found</title></head>
<body>
<h1>Not Found</h1>
<p>The requested URL was not found on this server.</p>
<hr><address>nginx</address>
</body>
</html>
`;

/**
 * Build the GGUF file in memory.
 * @param {object} o
 * @param {number} [o.ctx=2048] llama.context_length (n_ctx_train)
 * @param {'f32'|'q8_0'} [o.type='f32'] type of the 2-D weights (norms stay F32)
 * @param {number} [o.seed=1] seed of the random weights
 * @param {'ok'|'truncated'|'bad-magic'|'unknown-arch'|'html'} [o.variant='ok']
 * @param {number} [o.eosBias=0.25] logit of <|im_end|> after "." relative to the best first word of a new sentence
 * @param {boolean} [o.noEos=false] never emit <|im_end|>
 * @param {boolean} [o.thinking=false] Qwen3's chat template switch (THINKING_CHAT_TEMPLATE)
 * @param {string} [o.name] general.name
 * @returns {Buffer}
 */
export function writeGguf(o = {}) {
  const ctx = o.ctx ?? 2048;
  const type = o.type ?? 'f32';
  const seed = o.seed ?? 1;
  const variant = o.variant ?? 'ok';
  const eosBias = o.eosBias ?? 0.25;
  const noEos = !!o.noEos;
  if (!['f32', 'q8_0'].includes(type)) throw new Error(`--type must be f32 or q8_0, not ${type}`);
  if (!['ok', 'truncated', 'bad-magic', 'unknown-arch', 'html'].includes(variant))
    throw new Error(`unknown variant ${variant}`);
  if (!(Number.isInteger(ctx) && ctx > 0)) throw new Error(`bad --ctx ${ctx}`);
  if (!(Number.isInteger(seed) && seed >= 0 && seed < 2 ** 32))
    throw new Error(`bad --seed ${seed}`);
  if (!Number.isFinite(eosBias) || Math.abs(eosBias) > 20)
    throw new Error(`bad --eos-bias ${eosBias}`);

  if (variant === 'html') return Buffer.from(HTML_PAGE, 'utf8');

  const arch = variant === 'unknown-arch' ? 'nookfake' : 'llama';
  const { n_layer, n_embd, n_head, n_head_kv, n_ff, rms_eps, rope_freq_base } = HPARAMS;
  const tensors = buildTensors({ seed, eosBias, noEos });

  // tensor payloads and their offsets in the data section
  let offset = 0;
  for (const t of tensors) {
    const quant = type === 'q8_0' && t.ne.length === 2;
    t.ggmlType = quant ? GGML_Q8_0 : GGML_F32;
    t.bytes = quant
      ? quantizeQ8_0(t.data)
      : Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength);
    t.offset = offset;
    offset += Math.ceil(t.bytes.length / ALIGNMENT) * ALIGNMENT;
  }

  const kvs = [
    ['general.architecture', T.STRING, arch],
    ['general.type', T.STRING, 'model'],
    [
      'general.name',
      T.STRING,
      o.name ?? `Nook Tiny Test (seed ${seed}, ${type}${noEos ? ', no eos' : ''})`,
    ],
    ['general.file_type', T.UINT32, FILE_TYPE[type]],
    ['general.quantization_version', T.UINT32, 2],
    ['general.alignment', T.UINT32, ALIGNMENT],
    [`${arch}.vocab_size`, T.UINT32, VOCAB.tokens.length],
    [`${arch}.context_length`, T.UINT32, ctx],
    [`${arch}.embedding_length`, T.UINT32, n_embd],
    [`${arch}.block_count`, T.UINT32, n_layer],
    [`${arch}.feed_forward_length`, T.UINT32, n_ff],
    [`${arch}.attention.head_count`, T.UINT32, n_head],
    [`${arch}.attention.head_count_kv`, T.UINT32, n_head_kv],
    [`${arch}.rope.dimension_count`, T.UINT32, n_embd / n_head],
    [`${arch}.rope.freq_base`, T.FLOAT32, rope_freq_base],
    [`${arch}.attention.layer_norm_rms_epsilon`, T.FLOAT32, rms_eps],
    ['tokenizer.ggml.model', T.STRING, 'llama'],
    ['tokenizer.ggml.tokens', T.ARRAY, VOCAB.tokens, T.STRING],
    ['tokenizer.ggml.scores', T.ARRAY, VOCAB.scores, T.FLOAT32],
    ['tokenizer.ggml.token_type', T.ARRAY, VOCAB.types, T.INT32],
    ['tokenizer.ggml.bos_token_id', T.UINT32, TOKEN_IDS.bos],
    ['tokenizer.ggml.eos_token_id', T.UINT32, TOKEN_IDS.im_end],
    ['tokenizer.ggml.unknown_token_id', T.UINT32, TOKEN_IDS.unk],
    ['tokenizer.ggml.padding_token_id', T.UINT32, TOKEN_IDS.eos_s],
    ['tokenizer.ggml.add_bos_token', T.BOOL, true],
    ['tokenizer.ggml.add_eos_token', T.BOOL, false],
    ['tokenizer.chat_template', T.STRING, o.thinking ? THINKING_CHAT_TEMPLATE : CHAT_TEMPLATE],
  ];

  const w = new Writer();
  w.u32(GGUF_MAGIC);
  w.u32(GGUF_VERSION);
  w.u64(tensors.length);
  w.u64(kvs.length);
  for (const [k, ty, v, et] of kvs) w.kv(k, ty, v, et);
  for (const t of tensors) {
    w.str(t.name);
    w.u32(t.ne.length);
    for (const n of t.ne) w.u64(n);
    w.u32(t.ggmlType);
    w.u64(t.offset);
  }
  w.pad(ALIGNMENT);
  const dataStart = w.size;
  for (const t of tensors) {
    w.push(t.bytes);
    w.pad(ALIGNMENT);
  }
  let buf = w.buffer();

  if (variant === 'truncated') {
    // the header is whole, the file stops in the middle of the tensor data
    buf = buf.subarray(0, dataStart + Math.floor((buf.length - dataStart) / 2));
  } else if (variant === 'bad-magic') {
    buf = Buffer.from(buf);
    buf.write('NOPE', 0, 'latin1');
  }
  return buf;
}

// ---------------------------------------------------------------- CLI
function parseArgs(argv) {
  const o = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    switch (a) {
      case '--out':
        o.out = val();
        break;
      case '--ctx':
        o.ctx = Number(val());
        break;
      case '--type':
        o.type = val();
        break;
      case '--seed':
        o.seed = Number(val());
        break;
      case '--variant':
        o.variant = val();
        break;
      case '--eos-bias':
        o.eosBias = Number(val());
        break;
      case '--no-eos':
        o.noEos = true;
        break;
      case '--name':
        o.name = val();
        break;
      case '-h':
      case '--help':
        o.help = true;
        break;
      default:
        throw new Error(`unknown argument ${a}`);
    }
  }
  return o;
}

const USAGE = `usage: node make-gguf.mjs --out FILE [--ctx 2048] [--type f32|q8_0] [--seed 1]
         [--variant ok|truncated|bad-magic|unknown-arch|html] [--eos-bias 0.25] [--no-eos] [--name NAME]`;

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const o = parseArgs(process.argv.slice(2));
    if (o.help || !o.out) {
      console.log(USAGE);
      process.exit(o.help ? 0 : 2);
    }
    const buf = writeGguf(o);
    writeFileSync(o.out, buf);
    console.log(
      `wrote ${o.out} (${buf.length} bytes, ${VOCAB.tokens.length} tokens, variant ${o.variant ?? 'ok'})`,
    );
  } catch (e) {
    console.error(`make-gguf: ${e.message}`);
    console.error(USAGE);
    process.exit(2);
  }
}
