/** The colour a problem's state shows in. */
export const problemStateColour: Record<string, string> = {
  new: 'blue',
  investigation: 'violet',
  known_error: 'orange',
  resolved: 'green',
  closed: 'gray',
  cancelled: 'gray',
};
