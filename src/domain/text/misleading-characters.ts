/**
 * Invisible characters that can make a text read otherwise than it is: the bidirectional embeddings and overrides
 * (U+202A–U+202E), isolates (U+2066–U+2069), direction marks (U+200E, U+200F), the zero-width space (U+200B), the word
 * joiner (U+2060) and the byte-order mark (U+FEFF). "invoice\u202Efdp.exe" shows as "invoiceexe.pdf". Letters stay, so
 * right-to-left names (Arabic, Hebrew) read as typed: their direction comes from the letters themselves. The zero-width
 * non-joiner and joiner (U+200C, U+200D) stay too: they move nothing, and Persian and Indic names are spelled with them.
 */
const misleadingCharacters = /[\u200B\u200E\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/g;

/** The text without the invisible characters that could mislead its reader. */
export function withoutMisleadingCharacters(text: string): string {
  return text.replace(misleadingCharacters, '');
}
