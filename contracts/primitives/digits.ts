/**
 * Persian (۰–۹, U+06F0…) and Arabic-Indic (٠–٩, U+0660…) digits become ASCII digits;
 * every other character is kept. People type identifiers and amounts with either.
 */
export function normaliseDigits(input: string): string {
  return input.replace(/[\u06F0-\u06F9\u0660-\u0669]/g, (c) => {
    const code = c.charCodeAt(0);
    return String(code >= 0x06f0 ? code - 0x06f0 : code - 0x0660);
  });
}
