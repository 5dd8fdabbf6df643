/**
 * The registry of .http checks, in the order they run: the document's variables, then each request that
 * matched the IMS catalogue through every check below. Adding a check: its file here, one line below,
 * its tests, and `npm run docs:checks` (docs/architecture.md, "Add a check").
 */
import type { Check } from '../../checks/check';
import { bodyContent } from './bodyContent';
import { bodyPresence } from './bodyPresence';
import { deprecatedApis } from './deprecatedApis';
import { identity } from './identity';
import type { HttpDocumentInput, HttpRequestInput } from './input';
import { placeholders } from './placeholders';
import { routes } from './routes';
import { variables } from './variables';
import { workspacePolicies } from './workspacePolicies';

export const HTTP_DOCUMENT_CHECKS: readonly Check<HttpDocumentInput>[] = [variables];

export const HTTP_REQUEST_CHECKS: readonly Check<HttpRequestInput>[] = [
  placeholders,
  routes,
  deprecatedApis,
  bodyPresence,
  bodyContent,
  workspacePolicies,
  identity,
];
