/** Action names compare by the catalogue's one rule (core/catalogue/actionNames.ts): re-exported for policy code. */
export { normalizeAction, patternMatches, sameAction } from '../catalogue/actionNames';
