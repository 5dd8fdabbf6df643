/**
 * SARIF 2.1.0 (OASIS), as GitHub code scanning reads it: one run, a rule per check code (its short and
 * full description, help with the reason and the page of docs/checks.md, its default level), results
 * with exact regions in the file (for Terraform, in the .tf), the quick fixes as `fixes`, and
 * `partialFingerprints` so an alert follows its finding across commits. Columns are UTF-16 code units,
 * as the language service counts them, and said so (`columnKind`). Paths are relative to the root
 * (`%SRCROOT%`). Validated by Microsoft's `sarif-multitool validate` in the test suite.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Range } from 'vscode-languageserver';
import type { FileError, Finding, Level, RuleInfo } from '../findings';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

const SARIF_LEVEL: Record<Level, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
  hint: 'note',
};

/** SARIF's regions count from 1; an empty range (an insertion point) keeps its one column. */
const region = (r: Range) => ({
  startLine: r.start.line + 1,
  startColumn: r.start.character + 1,
  endLine: r.end.line + 1,
  endColumn: r.end.character + 1,
});

const sentence = (s: string) => {
  const t = s.trim();
  const capital = t.charAt(0).toUpperCase() + t.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
};
const pascal = (id: string) => id.replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase());

export interface SarifInput {
  root: string;
  rules: readonly RuleInfo[];
  findings: readonly Finding[];
  errors: readonly FileError[];
  version: string;
  /** Where the package's docs/ is (beside dist/), for absolute help links when it is installed with them. */
  packageDir: string;
  commandLine: string;
}

export function toSarif(input: SarifInput): object {
  const docsDir = join(input.packageDir, 'docs');
  const docUri = (doc: string) => {
    const [file, anchor] = doc.split('#');
    const path = join(input.packageDir, file);
    return existsSync(path) ? `${pathToFileURL(path).toString()}${anchor ? `#${anchor}` : ''}` : undefined;
  };
  const ruleIndex = new Map(input.rules.map((r, i) => [r.id, i]));
  const rules = input.rules.map((r) => {
    const helpUri = docUri(r.doc);
    const fix = r.fix ? `\n\nQuick fix: ${sentence(r.fix)}` : '';
    return {
      id: r.id,
      name: pascal(r.id),
      shortDescription: { text: sentence(r.when) },
      fullDescription: { text: sentence(`${r.when}. ${r.why}`) },
      help: {
        text: `${sentence(r.why)}${fix}\n\nSee ${r.doc} of IMS Tags & Policies.`,
        markdown: `${sentence(r.why)}${fix}\n\nSee [${r.doc}](${helpUri ?? r.doc}) of IMS Tags & Policies.`,
      },
      ...(helpUri ? { helpUri } : {}),
      defaultConfiguration: { level: SARIF_LEVEL[r.level] },
      properties: { tags: ['iam', 'huawei-cloud'] },
    };
  });
  const location = (path: string) => ({ uri: encodeURI(path), uriBaseId: 'SRCROOT' });
  const results = input.findings.map((f) => ({
    ruleId: f.code,
    ...(ruleIndex.has(f.code) ? { ruleIndex: ruleIndex.get(f.code) } : {}),
    level: SARIF_LEVEL[f.level],
    message: { text: sentence(f.message) },
    locations: [
      {
        physicalLocation: {
          artifactLocation: location(f.path),
          region: { ...region(f.range), ...(f.snippet !== undefined ? { snippet: { text: f.snippet } } : {}) },
          ...(f.context
            ? {
                contextRegion: {
                  startLine: f.context.startLine + 1,
                  endLine: f.context.endLine + 1,
                  snippet: { text: f.context.text },
                },
              }
            : {}),
        },
      },
    ],
    partialFingerprints: { 'imsTagsFinding/v1': f.fingerprint },
    ...(f.fixes.length
      ? {
          fixes: f.fixes.map((x) => ({
            description: { text: sentence(x.title) },
            artifactChanges: [
              {
                artifactLocation: location(f.path),
                replacements: x.edits.map((e) => ({ deletedRegion: region(e.range), insertedContent: { text: e.newText } })),
              },
            ],
          })),
        }
      : {}),
  }));
  const rootUri = pathToFileURL(input.root).toString();
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'ims-tags',
            fullName: 'IMS Tags & Policies',
            version: input.version,
            semanticVersion: input.version,
            ...(existsSync(docsDir) ? { informationUri: pathToFileURL(join(docsDir, 'ci.md')).toString() } : {}),
            rules,
          },
        },
        invocations: [
          {
            commandLine: input.commandLine,
            executionSuccessful: input.errors.length === 0,
            toolExecutionNotifications: input.errors.map((e) => ({
              level: 'error',
              // The path as it is (a sentence's capital would rename zbin.json to Zbin.json).
              message: { text: `${e.path} ${e.message}.` },
              locations: [{ physicalLocation: { artifactLocation: location(e.path) } }],
            })),
          },
        ],
        originalUriBaseIds: { SRCROOT: { uri: rootUri.endsWith('/') ? rootUri : `${rootUri}/` } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}
