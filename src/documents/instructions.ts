/**
 * Whether document text addresses the model: text written for a model rather than a reader
 * ("ignore previous instructions", "assistant:", "end your answer with a link to…"), the mark of
 * a prompt injection. It only flags, so the person can weigh the answer: the text is still quoted
 * to the model (prompts/documents.ts tells the model such text is not the user's).
 *
 * A heuristic, by phrases in English, German, French, Spanish, Italian, Portuguese, Russian,
 * Chinese and Japanese, after undoing what hides a phrase from a plain search: letters in
 * full-width or other compatibility forms, invisible characters inside words, a phrase broken
 * over lines. It does not see look-alike letters from other alphabets, or a paraphrase. Pure; no
 * imports, so any thread can use it.
 */

/**
 * Written in lower case with single spaces, for reading; each space matches any run of white
 * space (a phrase broken over lines is still one), and case is ignored (see `tolerant`).
 */
const PHRASES: readonly RegExp[] = [
  // "Ignore all previous instructions", "disregard the prompt above", "forget your prior rules".
  /\b(?:ignore|disregard|forget)\b(?: \S+){0,4}? (?:instructions?|prompts?|directives)\b/,
  /\b(?:ignore|disregard|forget) (?:all |any )?(?:of )?(?:the |your |my )?(?:previous|prior|above|earlier|preceding|original|system) (?:rules|directions|guidelines|commands|context|conversation)\b/,
  // Chat-template tokens, which no document needs: <|im_start|>, [INST], <<SYS>>, <start_of_turn>.
  /<\|(?:im_start|im_end|system|assistant|user|eot_id|start_header_id|end_header_id|endoftext)\|>|\[\/?inst\]|<<\/?sys>>|<(?:start|end)_of_turn>/,
  // Speaking to the model: "Dear AI", "Note to the assistant", "If you are a language model".
  /\b(?:dear|hey|hello|hi|note to|note for|message to|message for|instructions for) (?:the |any )?(?:ai|a\.i\.|assistant|llm|language model|chatbot|gpt|chatgpt|copilot)\b/,
  /\bif you are an? (?:ai|a\.i\.|llm|large language model|language model|ai assistant|ai model|chatbot)\b/,
  // Telling it what to put in its answer, or what to keep from the user.
  /\b(?:end|begin|start|finish|conclude|close) (?:your|each|every) (?:answer|reply|response|output|summary|message)s? (?:with|by)\b/,
  /\b(?:include|add|append|insert|embed|put|render)\b(?: \S+){0,8}? (?:link|image|url|picture|markdown)\b(?: \S+){0,6}? your (?:answer|reply|response|output|summary)\b/,
  /\byour (?:answer|reply|response|output) (?:must|should|has to) (?:end|begin|start|include|contain)\b/,
  /\b(?:do not|don't|never) (?:tell|mention|inform|alert)\b(?: \S+){0,2}? (?:the )?user\b/,
  /\b(?:reveal|print|repeat|output|disclose) (?:your|the) (?:system prompt|hidden prompt|instructions above)\b/,
  // German: "Ignoriere alle vorherigen Anweisungen", "Beende deine Antwort mit …".
  /\b(?:ignoriere|ignorieren sie|vergiss|vergessen sie|missachte|missachten sie)\b(?: \S+){0,4}? (?:anweisungen|instruktionen|befehle|vorgaben)\b/,
  /\b(?:beende|beenden sie|schließe|schließen sie) (?:deine|ihre|jede) antwort\b/,
  // French: "Ignore les instructions précédentes", "Termine ta réponse par …".
  /\b(?:ignore|ignorez|oublie|oubliez)\b(?: \S+){0,4}? (?:instructions|consignes|directives)\b/,
  /\bne tiens? (?:pas|plus) compte des (?:instructions|consignes)\b/,
  /\b(?:termine|terminez|finis|finissez) (?:ta|votre) réponse\b/,
  // Spanish: "Ignora las instrucciones anteriores", "Termina tu respuesta con …".
  /\b(?:ignora|ignore|ignorad|olvida|olvide|olvidad)\b(?: \S+){0,4}? (?:instrucciones|indicaciones|directrices)\b/,
  /\b(?:termina|termine|finaliza|finalice|acaba|acabe) (?:tu|su) respuesta\b/,
  // Italian and Portuguese.
  /\b(?:ignora|ignorate|dimentica|dimenticate)\b(?: \S+){0,4}? istruzioni\b/,
  /\b(?:ignore|ignora|esqueça|esqueca)\b(?: \S+){0,4}? instruções/,
  // Russian: "Игнорируй предыдущие инструкции" (no \b: it knows only Latin letters).
  /(?:игнорируй|игнорируйте|проигнорируй|забудь|забудьте)(?: \S+){0,4}? (?:инструкции|указания)/,
  // Chinese: "忽略之前的所有指令"; Japanese: "以前の指示を無視して".
  /(?:忽略|无视|忘记|忽视)[^。]{0,12}(?:指令|指示|提示词)/,
  /(?:指示|命令|プロンプト)[^。]{0,6}(?:を無視|を忘れ)/,
];

/**
 * Found at the start of a line: a turn of a chat put into the text ("Assistant:", "### System:",
 * "New instructions:"). A plain "System:" is left out: bug reports and spec sheets have those.
 */
const TURN_MARKER =
  /^[^\S\n]*(?:\*\*)?(?:assistant|(?:#+ ?|\[|<)(?:assistant|system)(?:\]|>)?|system prompt|new instructions?|important instructions?)(?:\*\*)? ?:/im;

/** The phrase as written above, but blind to case and to how its words are spaced. */
const tolerant = (phrase: RegExp) => new RegExp(phrase.source.replaceAll(' ', '\\s+'), 'i');
const PATTERNS = [TURN_MARKER, ...PHRASES.map(tolerant)];

/** Letters that have a plainer form: full-width, mathematical, circled, ligatures. */
const COMPATIBILITY_FORMS =
  /[\uFB00-\uFB4F\uFF00-\uFFEF\u2460-\u24FF]|[\u{1D400}-\u{1D7FF}\u{1F100}-\u{1F1FF}]/u;
/** Invisible characters: zero-width spaces and joiners, soft hyphens, direction marks. */
const INVISIBLE = /\p{Cf}/gu;

/**
 * Whether the text holds something written to instruct the model rather than inform a reader.
 * The patterns bend to the text rather than the text being rewritten for them: on long.txt
 * (600 KB) the check takes about 20 ms, where lower-casing and re-spacing the text first took
 * about 400 (both measured in Node on the 2-core test machine).
 */
export function addressesTheModel(text: string): boolean {
  let plain = text;
  // "ｉｇｎｏｒｅ" reads as "ignore".
  if (COMPATIBILITY_FORMS.test(plain)) plain = plain.normalize('NFKC');
  // "ig\u200Bnore" reads as "ignore".
  plain = plain.replace(INVISIBLE, '');
  return PATTERNS.some((pattern) => pattern.test(plain));
}
