/**
 * What every language feature is handed besides the document and its parse (as
 * vscode-json-languageservice hands every feature the same arguments): the language to answer in, the
 * settings, and the workspace's policies (read lazily: most features never need them).
 */
import type { IdentityAccess } from '../../core/access/identityAccess';
import { SNAPSHOT_MODEL, type Iam5Model } from '../../core/catalogue/iam5/model';
import type { ResourceContext } from '../../core/protocol';
import type { Lang } from '../../core/catalogue';
import { NO_VARIABLE_SOURCES, type HttpVariableSources } from '../../core/http/variables/sources';
import type { PolicySource } from '../../core/policy/evaluator';
import { DEFAULT_SETTINGS, type ImsTagsSettings } from '../../core/settings';

export interface ServiceContext {
  readonly lang: Lang;
  readonly settings: ImsTagsSettings;
  readonly policies: readonly PolicySource[];
  /**
   * Report JSON syntax errors of policies ourselves: on for every client but VS Code, whose JSON support
   * reports them already (the extension says so in its initialization options), so nothing shows twice.
   */
  readonly jsonSyntax: boolean;
  /** The connected identity's verdicts, when the client knows them (VS Code with a connection). */
  readonly identity?: IdentityAccess;
  /** A .http document's variable sources (environments, .env, system variables). */
  readonly httpVariables: (uri: string) => HttpVariableSources;
  /** IAM 5.0's model of IMS: IAM's own schema when the client read it, else the shipped snapshot. */
  readonly iam5: Iam5Model;
  /** The connection's region, account and loaded images, for Resource URN completion (VS Code only). */
  readonly resources?: ResourceContext;
}

export function serviceContext(
  lang: Lang,
  settings: ImsTagsSettings = DEFAULT_SETTINGS,
  policies: () => readonly PolicySource[] = () => [],
  jsonSyntax = true,
  identity?: IdentityAccess,
  httpVariables: (uri: string) => HttpVariableSources = () => NO_VARIABLE_SOURCES,
  iam5: Iam5Model = SNAPSHOT_MODEL,
  resources?: ResourceContext,
): ServiceContext {
  return {
    lang,
    settings,
    jsonSyntax,
    identity,
    httpVariables,
    iam5,
    resources,
    get policies() {
      return policies();
    },
  };
}
