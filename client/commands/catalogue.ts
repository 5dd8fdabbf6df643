/** "IMS: Compare the IMS Catalogue with the Cloud": what IAM publishes about IMS beside what the extension ships. */
import * as vscode from 'vscode';
import { compareCatalogue } from '../../core/access/catalogueDiff';
import { readAuthorizationSchema } from '../../core/catalogue/iam5/schemaTypes';
import { CATALOGUE_AS_OF } from '../../core/catalogue';
import type { CommandFactory } from '../context';
import { readOnlyDocuments } from '../readOnlyDocuments';

export const compareCatalogueWithCloud: CommandFactory = (ctx) => async () => {
  const iam = ctx.connected().iam;
  const schema = readAuthorizationSchema(await iam.authorizationSchema('ims'));
  if (!schema) throw new Error(vscode.l10n.t("IAM's answer is not an authorization schema: it lists no action."));
  const differences = compareCatalogue(schema);
  const rows = differences.map((d) => `| ${d.kind} | \`${d.subject}\` | ${d.catalogue} | ${d.cloud} |`);
  const content = [
    `# ${vscode.l10n.t('The IMS catalogue against the cloud')}`,
    '',
    vscode.l10n.t(
      "The IAM 5.0 snapshot this extension ships (written from the documentation, {0}) beside `GET /v5/authorization-schemas/services/ims` of the connected account. The 5.0 features follow the account's schema once it is read; a difference here is worth reporting.",
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

/** "IMS: Refresh the IAM 5.0 Schema of IMS": read IAM's schema again now; 5.0 policies are judged by it. */
export const refreshAuthorizationSchema: CommandFactory = (ctx) => async () => {
  ctx.connected();
  const model = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t("Reading IAM's authorization schema of IMS…") },
    () => ctx.schemas.refresh(),
  );
  const live = ctx.schemas.liveSchema;
  void vscode.window.showInformationMessage(
    vscode.l10n.t(
      "IAM's schema of IMS read from {0}: {1} actions. Version 5.0 policies are checked against it.",
      live?.endpoint ?? '',
      model.actions.length,
    ),
  );
  return { actions: model.actions.length, readAt: live?.readAt };
};
