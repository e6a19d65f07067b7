/**
 * How many of the most recently changed matching items (and newest matching comments) are ranked. For
 * words found in a tenth of a million items, PostgreSQL walks the recent-first index until it has this many
 * matches, so the cost grows with this number over the words' frequency: at a million items, 100 keeps a
 * search of two common words near 30 ms, 1,000 took 350 ms (docs/performance.md). Older matches come up
 * as soon as the words are specific enough to have fewer matches. Plain data, so the web app shares it.
 */
export const SEARCH_CANDIDATES = 100;

/** How deep search results go: the item and comment candidates together name at most this many items. */
export const SEARCH_DEPTH = 2 * SEARCH_CANDIDATES;
