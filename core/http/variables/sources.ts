/** What the adapters hand the .http language features about a document's variable sources. */
import type { DotenvEntry } from './dotenv';
import { EMPTY_ENVIRONMENT, type Environment } from './environments';
import type { SystemEnv } from './systemVariables';

export interface HttpVariableSources {
  environment: Environment;
  /** Evaluates system variables (a clock, the process environment, the .env beside the file). */
  system?: SystemEnv;
  dotenv?: { uri: string; entries: DotenvEntry[] };
}

export const NO_VARIABLE_SOURCES: HttpVariableSources = { environment: EMPTY_ENVIRONMENT };
