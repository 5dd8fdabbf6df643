/**
 * The policies of the workspace, for the .http permission check: policy files read from the workspace
 * folders (bounded), kept up to date from file events, with open documents winning over disk.
 */
import type { TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import type { PolicySource } from '../core/policy/evaluator';
import { parseJson, type PolicyModel } from '../core/policy/policyDocument';
import { mergeSorted } from '../core/util/mergeSorted';
import { POLICY_LANGUAGES, TERRAFORM_LANGUAGES, type DocumentCache } from './documentCache';
import { ParsedTerraform } from './services/parsedTerraform';
import { inFolders, type WorkspaceFiles } from './workspaceFiles';

/** The granting policies of a Terraform document, named by resource address, positions in the .tf file. */
function terraformSources(doc: TextDocument, parsed: ParsedTerraform): PolicySource[] {
  return parsed.policies.flatMap((v) => {
    const model = grantingModel(v.parsed.model);
    if (!model) return [];
    return [
      {
        uri: doc.uri,
        label: v.policy.address,
        model,
        text: v.policy.json,
        positionAt: (o: number) => doc.positionAt(v.policy.map.toSource(o)),
      },
    ];
  });
}

/** The granting policies a document holds: a policy file's one, a .tf file's each (the command line reads them too). */
export function documentSources(doc: TextDocument, cache: DocumentCache): PolicySource[] {
  if (TERRAFORM_LANGUAGES.has(doc.languageId)) return terraformSources(doc, cache.terraform(doc));
  if (!POLICY_LANGUAGES.has(doc.languageId)) return [];
  const model = grantingModel(cache.policy(doc).model);
  return model ? [{ uri: doc.uri, model, text: doc.getText(), positionAt: (o) => doc.positionAt(o) }] : [];
}

export const MAX_POLICY_FILES = 5000;
export const MAX_POLICY_BYTES = 5 * 1024 * 1024;

export function isPolicyPath(path: string): boolean {
  return /\.jsonc?$/i.test(path);
}

/** Terraform files hold policies too (huaweicloud_identity_role, huaweicloud_identityv5_policy). */
export function isTerraformPath(path: string): boolean {
  return /\.tf$/i.test(path);
}

/**
 * Only identity policies grant: a 5.0 trust or VPC endpoint policy (with a Principal) says who may use a
 * resource, not what a signed-in identity may do, so it never answers "is this request granted?".
 */
function grantingModel(model: PolicyModel | undefined): PolicyModel | undefined {
  return model?.kind === 'identity' ? model : undefined;
}

export class PolicyIndex {
  /** Policy files by URI; a .tf file's policies by `uri#resource address`. */
  private readonly disk = new Map<string, PolicySource>();
  /**
   * The disk's policies in the order verdicts list them, sorted once per change on disk: an edit of an
   * open policy only merges the open documents in. Sorting 15,000 sources by URI on every keystroke took
   * most of the time from an edit to the open .http file's verdicts (bench/workspaceScale.ts).
   */
  private diskSorted?: PolicySource[];
  /** The keys of each .tf file's policies in `disk`. */
  private readonly terraformKeys = new Map<string, string[]>();
  private readonly pendingTerraform = new Set<string>();
  private cached?: readonly PolicySource[];
  /** Files considered in the last scan: JSON files, and .tf files among them. */
  scannedFiles = 0;
  scannedTerraform = 0;
  /** The workspace folders (URIs): only files below them count once closed. */
  private folders: string[] = [];
  /**
   * Files deleted while their document is still open: VS Code may keep a document of a deleted file open
   * (in an editor marked deleted, or held after its editor closed), and a deleted policy file grants
   * nothing. It counts again once a file is there (saved, or created anew).
   */
  private readonly deleted = new Set<string>();

  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly cache: DocumentCache,
    private readonly files: WorkspaceFiles,
  ) {}

  /** Reads every policy file below the folders. Returns the number of policies found. */
  async scan(
    folderUris: string[],
    onProgress?: (done: number) => void,
    isCancelled: () => boolean = () => false,
  ): Promise<number> {
    this.folders = folderUris;
    const uris = await this.files.list(folderUris, (n) => isPolicyPath(n) || isTerraformPath(n), MAX_POLICY_FILES, isCancelled);
    this.scannedFiles = uris.length;
    this.scannedTerraform = uris.filter(isTerraformPath).length;
    let done = 0;
    for (const uri of uris) {
      if (isCancelled()) break;
      await this.readFile(uri);
      if (++done % 50 === 0) onProgress?.(done);
    }
    this.cached = undefined;
    return this.disk.size;
  }

  private async readFile(uri: string): Promise<void> {
    if (isTerraformPath(uri)) return this.readTerraform(uri);
    const text = await this.files.read(uri, MAX_POLICY_BYTES);
    const model = text === undefined ? undefined : grantingModel(parseJson(text).policy);
    if (text === undefined || !model) {
      this.dropDisk(uri); // gone, too large, or no granting policy
      return;
    }
    const doc = TextDocument.create(uri, 'json', 0, text);
    this.putDisk(uri, { uri, model, text, positionAt: (o) => doc.positionAt(o) });
  }

  /** The policies of a .tf file, each named by its resource address (read once the HCL parser is loaded). */
  private async readTerraform(uri: string): Promise<void> {
    this.dropTerraform(uri);
    const text = await this.files.read(uri, MAX_POLICY_BYTES);
    if (text === undefined) return; // deleted, unreadable or too large: its policies are gone
    const doc = TextDocument.create(uri, 'terraform', 0, text);
    // Read apart from the open documents' cache (the file may be open with other text).
    const parsed = new ParsedTerraform(uri, text, this.cache.parseHcl);
    // Read before the HCL parser was loaded: read again once it is (readPendingTerraform).
    if (parsed.pending) this.pendingTerraform.add(uri);
    else this.pendingTerraform.delete(uri);
    const keys = terraformSources(doc, parsed).map((s) => {
      const key = `${uri}#${s.label}`;
      this.putDisk(key, s);
      return key;
    });
    if (keys.length > 0) this.terraformKeys.set(uri, keys);
  }

  /** How many .tf files wait for the HCL parser (items outside the subset read without it). */
  get pendingTerraformFiles(): number {
    return this.pendingTerraform.size;
  }

  /** The .tf files read before the HCL parser was loaded, read again now; how many. */
  async readPendingTerraform(): Promise<number> {
    const pending = [...this.pendingTerraform];
    for (const uri of pending) await this.readTerraform(uri);
    this.cached = undefined;
    return pending.length;
  }

  /**
   * A file changed on disk (created, changed or `deleted`), or its document was closed: a policy file of
   * the workspace is read again; one outside the workspace stops counting.
   */
  async fileChanged(uri: string, deleted = false): Promise<void> {
    const path = URI.parse(uri).path;
    if (!(isPolicyPath(path) || isTerraformPath(path))) return;
    // Kept only while the document is open (its close clears it): a workspace that churns files cannot
    // grow the set.
    if (deleted && this.documents.get(uri)) this.deleted.add(uri);
    else this.deleted.delete(uri);
    if (inFolders(uri, this.folders)) await this.readFile(uri);
    else {
      this.dropDisk(uri);
      this.dropTerraform(uri);
    }
    this.cached = undefined;
  }

  private putDisk(key: string, source: PolicySource): void {
    this.disk.set(key, source);
    this.diskSorted = undefined;
  }

  private dropDisk(key: string): void {
    if (this.disk.delete(key)) this.diskSorted = undefined;
  }

  /** A .tf file's policies leave the index (looked up by file: a scan of every key per file was quadratic). */
  private dropTerraform(uri: string): void {
    for (const key of this.terraformKeys.get(uri) ?? []) this.dropDisk(key);
    this.terraformKeys.delete(uri);
  }

  /** An open document changed: the merged list must be rebuilt. */
  invalidate(): void {
    this.cached = undefined;
  }

  sources(): readonly PolicySource[] {
    if (this.cached) return this.cached;
    const opened: PolicySource[] = [];
    const open = new Set<string>();
    for (const doc of this.documents.all()) {
      // An untitled draft is no grant: only documents with a file behind them count.
      if (!doc.uri.startsWith('file:') || this.deleted.has(doc.uri)) continue;
      if (!TERRAFORM_LANGUAGES.has(doc.languageId) && !POLICY_LANGUAGES.has(doc.languageId)) continue;
      open.add(doc.uri);
      opened.push(...documentSources(doc, this.cache));
    }
    this.diskSorted ??= [...this.disk.values()].sort(byUri);
    // On a tie the open document's policy first, as before.
    return (this.cached = mergeSorted(
      opened.sort(byUri),
      open.size > 0 ? this.diskSorted.filter((s) => !open.has(s.uri)) : this.diskSorted,
      byUri,
    ));
  }
}

const byUri = (a: PolicySource, b: PolicySource) => a.uri.localeCompare(b.uri);
