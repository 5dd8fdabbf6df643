/** The HCL parser for the command line: its two .wasm files beside dist/cli.js, loaded once, when a .tf file is there. */
import { loadHclParser, type TreeSitterModule } from '../server/terraform/hclParser';
import { CliError } from './cliError';

export async function loadHcl(wasmDir: string, load: () => Promise<TreeSitterModule>): Promise<void> {
  try {
    await loadHclParser(
      (file) => `${wasmDir}/${file}`,
      () => load(),
    );
  } catch (e) {
    throw new CliError(
      `the HCL parser did not load from ${wasmDir} (${(e as Error).message}), so .tf files cannot be checked: reinstall the package, or leave .tf files out (exclude in .imstags.json).`,
    );
  }
}
