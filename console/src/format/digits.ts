/** Persian (۰–۹) and Arabic-Indic (٠–٩) digits read as ASCII, as the server's src/shared/digits.ts does. */
export function asciiDigits(text: string): string {
  return text.replace(/[\u06F0-\u06F9\u0660-\u0669]/g, (d) => {
    const code = d.charCodeAt(0);
    return String(code - (code >= 0x06f0 ? 0x06f0 : 0x0660));
  });
}

/** ASCII digits shown as Persian ones. */
export function persianDigits(text: string): string {
  return text.replace(/[0-9]/g, (d) => String.fromCharCode(0x06f0 + Number(d)));
}

/** Digits for display in the given language. */
export const localDigits = (text: string, lang: 'fa' | 'en') =>
  lang === 'fa' ? persianDigits(text) : text;
