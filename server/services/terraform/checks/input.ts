/** What every Terraform check is handed: the .tf document, its parse (policies and tag maps), the service context. */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ParsedTerraform } from '../../parsedTerraform';
import type { ServiceContext } from '../../serviceContext';

export interface TerraformCheckInput {
  doc: TextDocument;
  parsed: ParsedTerraform;
  ctx: ServiceContext;
}
