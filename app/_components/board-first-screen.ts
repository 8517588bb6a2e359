/**
 * Board rows rendered into the page's HTML: the sickest, more than a screen holds. The rest are
 * drawn in the browser as soon as the page runs (app/_components/ward-board-rows.tsx), from the
 * rows' data that travels with the page anyway, as every live refresh draws them all.
 * Server-rendering all 209 rows of a 200-patient ward was 60 of its 120 ms per board request, and
 * the server is the one thing every open board shares.
 */
export const FIRST_SCREEN_ROWS = 30;
