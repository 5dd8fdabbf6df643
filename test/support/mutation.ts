/**
 * The robustness suites under StrykerJS (`npm run mutation`, which sets STRYKER_NAMESPACE in the process
 * that runs them): there every branch of core/ is switched at run time and counted, so a 12 MB document
 * or 20,000 random rounds cost minutes, and every mutant no focused suite kills pays them. Under mutation
 * their rounds and sizes are a tenth (the same paths, fewer and smaller inputs); `npm test` runs them whole.
 */
export const UNDER_MUTATION = Boolean(process.env.STRYKER_NAMESPACE);

/** n normally, a tenth of it (at least 1) under mutation. */
export const scaled = (n: number): number => (UNDER_MUTATION ? Math.max(1, Math.ceil(n / 10)) : n);
