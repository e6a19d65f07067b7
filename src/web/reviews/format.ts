/** The colour a management review's state shows in. */
export const reviewStateColour: Record<string, string> = {
  planned: 'blue',
  prepared: 'cyan',
  held: 'orange',
  approved: 'green',
  cancelled: 'gray',
};
