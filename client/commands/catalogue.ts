/** "IMS: Compare the IMS Catalogue with the Cloud": what IAM publishes about IMS beside what the extension ships. */
import * as vscode from 'vscode';
import { compareCatalogue, type AuthorizationSchema } from '../../core/access/catalogueDiff';
import { CATALOGUE_AS_OF } from '../../core/catalogue';
import type { CommandFactory } from '../context';
import { readOnlyDocuments } from '../readOnlyDocuments';

export const compareCatalogueWithCloud: CommandFactory = (ctx) => async () => {
  const iam = ctx.connected().iam;
  const schema = (await iam.authorizationSchema('ims')) as AuthorizationSchema;
  const differences = compareCatalogue(schema);
  const rows = differences.map((d) => `| ${d.kind} | \`${d.subject}\` | ${d.catalogue} | ${d.cloud} |`);
  const content = [
    `# ${vscode.l10n.t('The IMS catalogue against the cloud')}`,
    '',
    vscode.l10n.t(
      'The catalogue this extension ships ({0}) beside `GET /v5/authorization-schemas/services/ims` of the connected account. Nothing is updated: a difference is for you to judge, and worth reporting.',
      CATALOGUE_AS_OF.en,
    ),
    '',
    differences.length === 0
      ? vscode.l10n.t('No differences: the actions, their access levels and the operations agree.')
      : [
          `| ${vscode.l10n.t('Difference')} | ${vscode.l10n.t('Subject')} | ${vscode.l10n.t('Catalogue')} | ${vscode.l10n.t('Cloud')} |`,
          '|---|---|---|---|',
          ...rows,
        ].join('\n'),
    '',
  ].join('\n');
  await readOnlyDocuments.show('ims-catalogue-against-the-cloud.md', content);
  return differences;
};
