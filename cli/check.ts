/**
 * `ims-tags check`: the editor's language service, in this process, over the files of a tree. Policy
 * files and Terraform first (their granting policies are what the .http permission checks read, as the
 * server's workspace index gives them), then .http files with their env files. Each file is read,
 * checked, reported and forgotten before the next (the document cache holds one file at a time).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { getNodeValue } from 'jsonc-parser';
import { parseJsonTree } from '../core/util/nesting';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { PolicySource } from '../core/policy/evaluator';
import type { PolicyModel } from '../core/policy/policyDocument';
import { globMatches } from '../core/util/glob';
import { DocumentCache } from '../server/documentCache';
import { HttpEnvironments } from '../server/httpEnvironments';
import { getLanguageService } from '../server/languageService';
import { documentSources } from '../server/policyIndex';
import { CHECKS } from '../server/services/checks/registry';
import { parseHcl, type TreeSitterModule } from '../server/terraform/hclParser';
import { nodeFiles } from '../server/node/nodeFiles';
import type { CliConfig } from './config';
import { loadHcl } from './hcl';
import { contextOf, fingerprint, levelOf, type CheckReport, type Finding, type Fix, type Level } from './findings';
import { readTarget, type Target } from './files';

/** Every check code of the registry (the config's `checks` keys are checked against them). */
export const CHECK_CODES: ReadonlySet<string> = new Set(
  Object.values(CHECKS).flatMap((checks) => checks.flatMap((c) => c.codes.map((code) => code.code))),
);

export interface CheckOptions {
  targets: readonly Target[];
  config: CliConfig;
  /** The .http environment (`--env`, else the config's). */
  env?: string;
  /** Where the HCL parser's .wasm files are (beside dist/cli.js). */
  wasmDir: string;
  loadTreeSitter: () => Promise<TreeSitterModule>;
  /** Called after each file (progress on stderr for long runs). */
  onFile?: (done: number, total: number) => void;
}

/**
 * Whether a policy can grant an IMS action at all (a statement naming `ims:…`, a wildcard service, or
 * NotAction): only those can answer a .http request's verdict, so only those are kept.
 */
export function mayGrantIms(model: PolicyModel): boolean {
  return model.statements.some(
    (st) => st.actionKey === 'NotAction' || st.actions.some((a) => globMatches(a.value.split(':')[0].toLowerCase(), 'ims')),
  );
}

const rank = (t: Target) => (t.languageId === 'http' ? 1 : 0);

export async function runCheck(o: CheckOptions): Promise<CheckReport> {
  const cache = new DocumentCache();
  if (o.targets.some((t) => t.languageId === 'terraform')) {
    await loadHcl(o.wasmDir, o.loadTreeSitter);
    cache.parseHcl = parseHcl;
  }
  const rootUri = pathToFileURL(o.config.root).toString();
  const policies: PolicySource[] = [];
  const restClient = restClientEnvironments(o.config.root);
  const environments = new HttpEnvironments(
    () => [rootUri],
    () => o.env ?? '',
    () => restClient,
    {
      readNow: (uri, within) => nodeFiles.readNow(uri, within),
      namesIn: (folder) => nodeFiles.namesIn?.(folder) ?? [],
      // A CI job's environment holds its secrets: $processEnv is never read, so none can reach a report.
      processEnv: () => undefined,
      uuid: () => '00000000-0000-4000-8000-000000000000',
    },
  );
  const ls = getLanguageService({
    cache,
    policies: () => policies,
    jsonSyntax: () => true,
    httpVariables: (uri) => environments.forDocument(uri),
  });
  const report: CheckReport = {
    root: o.config.root,
    findings: [],
    errors: [],
    files: { policies: 0, terraform: 0, http: 0, other: 0 },
  };
  const ordered = [...o.targets].sort((a, b) => rank(a) - rank(b));
  // Only the .http verdicts read the policies: without .http files none is kept, so memory stays flat.
  const needPolicies = o.targets.some((t) => t.languageId === 'http');
  const names = new Set<string>();
  let done = 0;
  for (const target of ordered) {
    const read = readTarget(target);
    if ('message' in read) report.errors.push(read);
    else {
      const uri = pathToFileURL(target.abs).toString();
      const doc = TextDocument.create(uri, target.languageId, 1, read.text);
      const kind =
        target.languageId === 'http'
          ? 'http'
          : target.languageId === 'terraform'
            ? 'terraform'
            : ls.isPolicy(doc)
              ? 'policies'
              : 'other';
      report.files[kind]++;
      if (kind === 'http') for (const name of environments.forDocument(uri).environment.names) names.add(name);
      if (kind !== 'other') {
        if (kind !== 'http' && needPolicies) policies.push(...documentSources(doc, cache).filter((p) => mayGrantIms(p.model)));
        report.findings.push(...findingsOf(doc, target, ls.diagnostics(doc), ls, o.config));
      }
      ls.forget(uri);
    }
    o.onFile?.(++done, ordered.length);
  }
  report.environments = [...names].sort();
  return report;
}

function findingsOf(
  doc: TextDocument,
  target: Target,
  diagnostics: Diagnostic[],
  ls: ReturnType<typeof getLanguageService>,
  config: CliConfig,
): Finding[] {
  if (diagnostics.length === 0) return [];
  const actions = ls.codeActions(doc, diagnostics);
  const out = diagnostics.flatMap((d) => {
    const code = String(d.code ?? 'unknown');
    const override = config.checks[code];
    if (override === 'off') return [];
    const level: Level = override ?? levelOf(d.severity);
    const text = doc.getText(d.range);
    return [
      {
        path: target.rel,
        code,
        level,
        message: typeof d.message === 'string' ? d.message : d.message.value,
        range: d.range,
        excerpt: text.slice(0, 200),
        ...(text.length <= 2000 ? { snippet: text } : {}),
        fixes: fixesFor(d, actions, doc.uri),
        context: contextOf(doc, d.range),
        fingerprint: '',
      },
    ];
  });
  fingerprint(out);
  return out;
}

const same = (a: Diagnostic, b: Diagnostic) =>
  a.code === b.code &&
  a.message === b.message &&
  a.range.start.line === b.range.start.line &&
  a.range.start.character === b.range.start.character;

/** The quick fixes of one diagnostic that edit only its own file (a grant added to another policy is no fix of this one). */
function fixesFor(d: Diagnostic, actions: CodeAction[], uri: string): Fix[] {
  return actions.flatMap((a) => {
    const changes = a.edit?.changes;
    if (!changes || !a.diagnostics?.some((x) => same(x, d))) return [];
    const uris = Object.keys(changes);
    if (uris.length !== 1 || uris[0] !== uri) return [];
    return [{ title: a.title, edits: changes[uri] as TextEdit[] }];
  });
}

/**
 * REST Client keeps its environments in VS Code's settings only (`rest-client.environmentVariables`): the
 * workspace's `.vscode/settings.json`, read as the editor reads it (JSON with comments).
 */
function restClientEnvironments(root: string): unknown {
  try {
    const text = readFileSync(join(root, '.vscode', 'settings.json'), 'utf8');
    const tree = parseJsonTree(text, [], { allowTrailingComma: true }).tree;
    const value = tree ? (getNodeValue(tree) as Record<string, unknown>) : undefined;
    return value && typeof value === 'object' ? value['rest-client.environmentVariables'] : undefined;
  } catch {
    return undefined;
  }
}
