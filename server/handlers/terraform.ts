/**
 * The HCL parser (WASM) loads once, and only when Terraform is there: a .tf document opened, or .tf
 * files found in the workspace. Compiling it would cost everyone else's first diagnostics otherwise.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { TERRAFORM_LANGUAGES } from '../documentCache';
import { loadHclParser, parseHcl } from '../terraform/hclParser';
import type { ServerContext } from './context';

export class TerraformLoader {
  private loaded?: Promise<void>;

  constructor(private readonly ctx: ServerContext) {}

  /** Loads the parser (once); then the pending .tf files are read and open .tf documents checked. */
  need(): Promise<void> {
    return (this.loaded ??= this.load());
  }

  /** Loads it when the workspace index found .tf files it could not read yet. */
  loadIfPending(): void {
    if (this.ctx.index.pendingTerraformFiles > 0) void this.need();
  }

  /** The document, once the parser is loaded if it is Terraform (a request that comes first waits). */
  async ready(uri: string): Promise<TextDocument | undefined> {
    const doc = this.ctx.documents.get(uri);
    if (doc && TERRAFORM_LANGUAGES.has(doc.languageId)) await this.need().catch(() => undefined);
    return this.ctx.documents.get(uri);
  }

  private async load(): Promise<void> {
    const { ctx } = this;
    try {
      await loadHclParser(
        (file) => ctx.host.locateWasm(file, ctx.options),
        () => ctx.host.loadTreeSitter(ctx.options),
      );
      ctx.cache.parseHcl = parseHcl;
      const started = Date.now();
      const read = await ctx.index.readPendingTerraform();
      if (read > 0) ctx.connection.console.info(`Read ${read} Terraform file(s) of the workspace in ${Date.now() - started} ms.`);
      ctx.policiesChanged();
      for (const doc of ctx.documents.all()) if (TERRAFORM_LANGUAGES.has(doc.languageId)) ctx.diagnostics.schedule(doc.uri);
    } catch (e) {
      ctx.connection.console.error(
        `The HCL parser did not load, so Terraform files are not read: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
  }
}
