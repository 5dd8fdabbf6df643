/** Shapes of the catalogue: the single source of truth for everything the product knows about IMS. */

/** Text in the two languages the product speaks. */
export interface Localized {
  en: string;
  zh: string;
}

/** A JSON Schema (draft 2020-12) as plain data, usable by ajv. */
export type JsonSchema = { [keyword: string]: unknown };

export interface ImsAction {
  /** Canonical spelling, e.g. `ims:images:update`. */
  name: string;
  resourceType: string;
  operation: string;
  description: Localized;
  /** False where the facts only saw the name (IAM 5.0 table read partly). */
  confirmed: boolean;
  /** Other APIs (outside the tag APIs) that need this action, as `METHOD /path`. */
  otherApis: string[];
  source: string;
}

export interface WildcardForm {
  pattern: string;
  description: Localized;
  source: string;
}

export type HttpMethod = 'GET' | 'PUT' | 'POST' | 'DELETE';

export interface PathParam {
  name: string;
  /** The `{{variable}}` snippets and "copy as .http" use for it, e.g. `imageId`. */
  variable: string;
  description: Localized;
  maxLength?: number;
  /** Characters the parameter must not contain. */
  forbidden?: string[];
}

export interface ImsApi {
  /** SDK operation name, e.g. `AddImageTag`. */
  id: string;
  method: HttpMethod;
  /** Path template with `{param}` segments. */
  path: string;
  title: Localized;
  actions: string[];
  iamProject: boolean;
  enterpriseProject: boolean;
  /** One of the ten tag APIs of docs/sources.md §A (false for the two related APIs). */
  tagApi: boolean;
  openstackNative: boolean;
  deprecated?: { replacements: string[] };
  successStatus: number;
  contentType: string;
  pathParams: PathParam[];
  queryParams: string[];
  bodySchema?: JsonSchema;
  /** A body that is valid against `bodySchema`, for snippets and examples. */
  exampleBody?: unknown;
  idempotent: boolean;
  /** Changes nothing on the service (GETs, and ListImageByTags, a POST that only queries): sent without asking. */
  readOnly: boolean;
  notes: Localized[];
  docUrl: string;
}
