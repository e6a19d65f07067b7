/** The colour a nonconformity's state shows in. */
export const ncStateColour: Record<string, string> = {
  new: 'blue',
  correction: 'cyan',
  analysis: 'violet',
  action: 'orange',
  verification: 'teal',
  closed: 'green',
  cancelled: 'gray',
};

/** A major nonconformity stands out; a minor one does not shout. */
export const severityColour = (s: string) => (s === 'major' ? 'red' : 'yellow');
