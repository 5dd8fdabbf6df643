/** Images per page of the explorer tree (one ListImages call per "Load more…"). */
export const PAGE_SIZE = 50;
