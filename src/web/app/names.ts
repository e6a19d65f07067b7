/** A name in the reader's language, falling back to English. */
export const localName = (names: { en: string; nl?: string; da?: string } | undefined, lang: string) =>
  names ? ((names as Record<string, string | undefined>)[lang] ?? names.en) : '';
