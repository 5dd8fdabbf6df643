/**
 * A problem the person running the command can fix (a wrong flag, a missing path, a file that cannot be
 * read, no git repository): one sentence on stderr and exit code 2, never a stack trace.
 */
export class CliError extends Error {
  readonly exitCode = 2;
}
