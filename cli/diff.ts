/**
 * `ims-tags diff --base <ref>`: "no new access" before a merge. Every policy that changed between the base
 * commit and the working tree — a policy file, matched by path (renames followed), or a policy a .tf file
 * holds, matched by its resource address — is compared with the publish review's analysis
 * (core/policy/accessDiff.ts: what the new version grants that the old one does not, and the reverse).
 * Each grant added is a finding on the statement that adds it; access taken away is reported, never a
 * failure. Optionally IAM Access Analyzer (check-no-new-access and validate) is asked too.
 */
import { pathToFileURL } from 'node:url';
import { join, relative } from 'node:path';
import ignore from 'ignore';
import { getNodeValue } from 'jsonc-parser';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ValidationFinding } from '../core/client/iamTypes';
import { accessChanges, type AccessReason } from '../core/policy/accessDiff';
import { parseJson, type PolicyModel } from '../core/policy/policyDocument';
import type { ParseText } from '../core/terraform/extract';
import { ParsedTerraform } from '../server/services/parsedTerraform';
import { parseHcl, type TreeSitterModule } from '../server/terraform/hclParser';
import { MAX_POLICY_BYTES } from '../server/policyIndex';
import type { CliConfig } from './config';
import { loadHcl } from './hcl';
import { changedFiles, resolveBase, textAt } from './git';
import { languageOf, readTarget } from './files';
import { contextOf, fingerprint, type CheckReport, type FileError, type Finding, type RuleInfo } from './findings';

export const NEW_ACCESS_RULE: RuleInfo = {
  id: 'new-access',
  level: 'error',
  when: 'a changed policy grants access its base version does not: an action newly allowed, a resource or condition widened, a Deny removed',
  why: 'A pull request should not widen access unnoticed; IAM Access Analyzer asks the same question (check-no-new-access, docs/sources.md §C.3).',
  doc: 'docs/ci.md#no-new-access',
};

/** One version of one policy: its model, and where a statement of it is in its file. */
interface PolicyAt {
  model: PolicyModel;
  json: string;
  /** The range in the file (for Terraform, in the .tf) of a JSON offset range of the policy. */
  range: (start: number, end: number) => Finding['range'];
  /** The file the range is in (the .tf for Terraform). */
  doc: TextDocument;
  excerpt: (start: number, end: number) => string;
}

export interface PolicyChange {
  /** The file now (or at the base, when deleted), and the resource address for Terraform. */
  path: string;
  address?: string;
  status: 'added' | 'changed' | 'deleted';
  version?: string;
  added: string[];
  removed: string[];
  /** What IAM Access Analyzer said, when asked. */
  analyzer?: string;
}

export interface DiffReport extends CheckReport {
  base: string;
  changes: PolicyChange[];
}

export const ANALYZER_RULE: RuleInfo = {
  id: 'analyzer-finding',
  level: 'warning',
  when: "IAM Access Analyzer's ValidatePolicy reports a finding on a changed 5.0 policy (with --analyzer)",
  why: "Access Analyzer is IAM's own judge of a 5.0 policy; its errors are policies IAM refuses (iamaccessanalyzer/v1 ValidatePolicy).",
  doc: 'docs/ci.md#no-new-access',
};

export interface Analyzer {
  /** check-no-new-access on two 5.0 documents: undefined when it passes, else its reasons. */
  newAccess(existing: string, next: string): Promise<string[] | undefined>;
  /** ValidatePolicy on a 5.0 identity policy. */
  validate(document: string): Promise<ValidationFinding[]>;
}

const ANALYZER_LEVEL: Record<ValidationFinding['finding_type'], Finding['level']> = {
  error: 'error',
  security_warning: 'warning',
  warning: 'warning',
  suggestion: 'info',
};

export interface DiffOptions {
  root: string;
  base: string;
  paths: readonly string[];
  cwd: string;
  config: CliConfig;
  wasmDir: string;
  loadTreeSitter: () => Promise<TreeSitterModule>;
  analyzer?: Analyzer;
}

const emptyLike = (model: PolicyModel): PolicyModel => ({ ...model, statements: [] });

/**
 * One reason as a line of the report: what the new version grants (or, `removed`, no longer grants),
 * where and under which condition, and the statement of the new version that does it.
 */
function describe(r: AccessReason, removed: boolean): string {
  const on = r.resources && !(r.resources.length === 1 && r.resources[0] === '*') ? ` on ${r.resources.join(', ')}` : '';
  const when = r.condition ? ` when ${r.condition}` : '';
  const statement =
    !removed && r.statementIndex !== undefined
      ? ` (statement ${r.statementIndex + 1}${r.statementId ? `, ${r.statementId}` : ''})`
      : '';
  if (r.change === 'stopsDenying') return removed ? `now denies ${r.action}` : `no longer denies ${r.action}`;
  if (r.change === 'allowsAllBut')
    return removed ? `no longer allows every action but ${r.action}` : `allows every action but ${r.action}${statement}`;
  return removed ? `no longer allows ${r.action}${on}${when}` : `allows ${r.action}${on}${when}${statement}`;
}

function policiesOf(languageId: string, uri: string, text: string, cache: { parse?: ParseText }): Map<string, PolicyAt> {
  const out = new Map<string, PolicyAt>();
  if (languageId === 'terraform') {
    const doc = TextDocument.create(uri, 'terraform', 0, text);
    if (!cache.parse) return out;
    const parsed = new ParsedTerraform(uri, text, cache.parse);
    for (const v of parsed.policies) {
      const model = v.parsed.model;
      if (!model) continue;
      const toTf = (o: number, bias: 'start' | 'end') => v.policy.map.toSource(o, bias);
      out.set(v.policy.address, {
        model,
        doc,
        json: v.policy.json,
        range: (s, e) => ({ start: doc.positionAt(toTf(s, 'start')), end: doc.positionAt(toTf(e, 'end')) }),
        excerpt: (s, e) => v.policy.json.slice(s, e),
      });
    }
    return out;
  }
  const model = parseJson(text).policy;
  if (model) {
    const doc = TextDocument.create(uri, languageId, 0, text);
    out.set('', {
      model,
      doc,
      json: text,
      range: (s, e) => ({ start: doc.positionAt(s), end: doc.positionAt(e) }),
      excerpt: (s, e) => text.slice(s, e),
    });
  }
  return out;
}

export async function runDiff(o: DiffOptions): Promise<DiffReport> {
  const base = resolveBase(o.root, o.base);
  const report: DiffReport = {
    root: o.root,
    base: o.base,
    findings: [],
    errors: [],
    changes: [],
    files: { policies: 0, terraform: 0, http: 0, other: 0 },
  };
  const include = o.config.include.length ? ignore().add(o.config.include) : undefined;
  const exclude = ignore().add(o.config.exclude);
  const scope = o.paths.map((p) => relative(o.root, join(o.cwd, p)).split('\\').join('/').replace(/\/$/, ''));
  const wanted = (repoPath: string) => {
    const abs = join(o.root, repoPath);
    const rel = relative(o.config.root, abs).split('\\').join('/');
    if (rel.startsWith('..')) return false;
    if ((include && !include.ignores(rel)) || exclude.ignores(rel)) return false;
    return scope.length === 0 || scope.some((s) => s === '' || repoPath === s || repoPath.startsWith(`${s}/`));
  };
  const changes = changedFiles(o.root, base)
    .filter((c) => {
      const p = c.path ?? c.basePath!;
      const lang = languageOf(p);
      return (lang === 'json' || lang === 'jsonc' || lang === 'terraform') && wanted(p);
    })
    .sort((a, b) => ((a.path ?? a.basePath)! < (b.path ?? b.basePath)! ? -1 : 1));
  const cache: { parse?: ParseText } = {};
  if (changes.some((c) => languageOf(c.path ?? c.basePath!) === 'terraform')) {
    await loadHcl(o.wasmDir, o.loadTreeSitter);
    cache.parse = parseHcl;
  }
  for (const c of changes) {
    const path = (c.path ?? c.basePath)!;
    const languageId = languageOf(path)!;
    const read = (which: 'base' | 'now'): string | FileError | undefined => {
      const p = which === 'base' ? c.basePath : c.path;
      if (!p) return undefined;
      if (which === 'now') {
        const r = readTarget({ abs: join(o.root, p), rel: p, languageId });
        return 'text' in r ? r.text : r;
      }
      const text = textAt(o.root, base, p);
      return text.length > MAX_POLICY_BYTES
        ? { path: p, message: `is more than the ${MAX_POLICY_BYTES / 1024 / 1024} MB ims-tags reads at ${o.base}: not compared` }
        : text;
    };
    const before = read('base');
    const after = read('now');
    const failed = [before, after].find((x): x is FileError => typeof x === 'object');
    if (failed) {
      report.errors.push(failed);
      continue;
    }
    const uri = pathToFileURL(join(o.root, path)).toString();
    const old = before === undefined ? new Map<string, PolicyAt>() : policiesOf(languageId, uri, before as string, cache);
    const now = after === undefined ? new Map<string, PolicyAt>() : policiesOf(languageId, uri, after as string, cache);
    if (old.size + now.size > 0) report.files[languageId === 'terraform' ? 'terraform' : 'policies']++;
    const findings: Finding[] = [];
    for (const address of [...new Set([...old.keys(), ...now.keys()])].sort()) {
      const was = old.get(address);
      const is = now.get(address);
      if (was && is && was.json === is.json) continue;
      const changesOf = accessChanges(was?.model ?? emptyLike(is!.model), is?.model ?? emptyLike(was!.model));
      const change: PolicyChange = {
        path,
        ...(address ? { address } : {}),
        status: !was ? 'added' : !is ? 'deleted' : 'changed',
        ...((is ?? was)!.model.version ? { version: (is ?? was)!.model.version } : {}),
        added: [...new Set(changesOf.added.map((r) => describe(r, false)))],
        removed: [...new Set(changesOf.removed.map((r) => describe(r, true)))],
      };
      if (is && was && o.analyzer && is.model.version === '5.0' && was.model.version === '5.0') {
        try {
          const reasons = await o.analyzer.newAccess(compact(was.json), compact(is.json));
          change.analyzer = reasons
            ? `IAM Access Analyzer: new access — ${reasons.join('; ') || 'no reason given'}`
            : 'IAM Access Analyzer: no new access';
        } catch (e) {
          change.analyzer = `IAM Access Analyzer could not be asked: ${(e as Error).message}`;
          report.errors.push({ path, message: `could not be checked by IAM Access Analyzer (${(e as Error).message})` });
        }
      }
      report.changes.push(change);
      if (!is) {
        // Deleted: a Deny it held no longer stands. The file is gone, so the finding is on its path, line 1.
        for (const r of changesOf.added)
          findings.push({
            path,
            code: NEW_ACCESS_RULE.id,
            level: 'error',
            message: `New since ${o.base}${address ? ` in ${address}` : ''}, which this change deletes: ${describe(r, false)}.`,
            range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
            excerpt: `${address}\u0000${r.change}\u0000${r.action}\u0000deleted`,
            fixes: [],
            fingerprint: '',
          });
        continue;
      }
      if (o.analyzer && is.model.version === '5.0')
        findings.push(...(await validated(o.analyzer, is, path, address, change, report.errors)));
      for (const r of changesOf.added) {
        const st = r.statementIndex !== undefined ? is.model.statements[r.statementIndex] : undefined;
        const node = st?.node ?? is.model.statementsNode ?? is.model.policyNode;
        const range = is.range(node.offset, node.offset + node.length);
        findings.push({
          path,
          code: NEW_ACCESS_RULE.id,
          level: 'error',
          message: `New since ${o.base}${address ? ` in ${address}` : ''}: ${describe(r, false)}.`,
          range,
          snippet: is.doc.getText(range).slice(0, 2000),
          context: contextOf(is.doc, range),
          excerpt: `${address}\u0000${r.change}\u0000${r.action}\u0000${is.excerpt(node.offset, node.offset + node.length).slice(0, 200)}`,
          fixes: [],
          fingerprint: '',
        });
      }
    }
    fingerprint(findings);
    report.findings.push(...findings);
  }
  return report;
}

/**
 * ValidatePolicy's findings on the new version, each where it points: the text sent is the file's own
 * when it is plain JSON (so the offsets are the file's), else the compacted document (found at the policy).
 */
async function validated(
  analyzer: Analyzer,
  is: PolicyAt,
  path: string,
  address: string,
  change: PolicyChange,
  errors: FileError[],
): Promise<Finding[]> {
  let plain = true;
  try {
    JSON.parse(is.json);
  } catch {
    plain = false;
  }
  const sent = plain ? is.json : compact(is.json);
  let found: ValidationFinding[];
  try {
    found = await analyzer.validate(sent);
  } catch (e) {
    change.analyzer = `${change.analyzer ? `${change.analyzer}; ` : ''}IAM Access Analyzer could not validate it: ${(e as Error).message}`;
    errors.push({ path, message: `could not be validated by IAM Access Analyzer (${(e as Error).message})` });
    return [];
  }
  return found.map((f) => {
    const span = f.locations[0]?.span;
    const [start, end] =
      plain && span
        ? [span.start.offset, Math.max(span.start.offset, span.end.offset)]
        : [is.model.policyNode.offset, is.model.policyNode.offset + 1];
    const range = is.range(start, end);
    return {
      path,
      code: ANALYZER_RULE.id,
      level: ANALYZER_LEVEL[f.finding_type] ?? 'warning',
      message: `IAM Access Analyzer${address ? ` on ${address}` : ''}, ${f.finding_type} ${f.issue_code}: ${f.finding_details}`,
      range,
      excerpt: `${address}\u0000${f.issue_code}\u0000${is.json.slice(start, end).slice(0, 200)}`,
      fixes: [],
      context: contextOf(is.doc, range),
      fingerprint: '',
    };
  });
}

/** The document as Access Analyzer takes it: JSON without comments or white space. */
function compact(json: string): string {
  const tree = parseJson(json).tree;
  return tree ? JSON.stringify(getNodeValue(tree)) : json;
}
