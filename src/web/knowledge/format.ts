/** How articles show in lists and badges: colours by state and type, files by size. */

export const stateColour: Record<string, string> = {
  draft: 'gray',
  in_review: 'yellow',
  published: 'green',
  superseded: 'gray',
  retired: 'red',
};

export const typeColour: Record<string, string> = {
  how_to: 'blue',
  troubleshooting: 'orange',
  faq: 'teal',
  known_error: 'grape',
};

/** A file's size as its readers read it, in the reader's language: `812 B`, `45 KB`. */
export const fileSize = (size: number, language: string) =>
  size < 1024
    ? `${size.toLocaleString(language)} B`
    : `${(size / 1024).toLocaleString(language, { maximumFractionDigits: 0 })} KB`;
