/**
 * Invisible characters that can make a text read otherwise than it is: the bidirectional embeddings and overrides
 * (U+202A–U+202E), isolates (U+2066–U+2069), zero-width spaces, joiners and direction marks (U+200B–U+200F), the word
 * joiner (U+2060) and the byte-order mark (U+FEFF). "invoice\u202Efdp.exe" shows as "invoiceexe.pdf". Letters stay, so
 * right-to-left names (Arabic, Hebrew) read as typed: their direction comes from the letters themselves.
 */
const misleadingCharacters = /[\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/g;

/** The text without the invisible characters that could mislead its reader. */
export function withoutMisleadingCharacters(text: string): string {
  return text.replace(misleadingCharacters, '');
}
