/** Finding images by tags (ListImageByTags) and listing the project's tags (ListImagesTags). */
import * as vscode from 'vscode';
import { formatTagFilter, parseTagFilter } from '../../core/tags/tagFilter';
import type { CommandFactory } from '../context';
import { askPick, askText } from '../prompts';

const KINDS = () => [
  { label: 'tags', description: vscode.l10n.t('images with all of these tags') },
  { label: 'tags_any', description: vscode.l10n.t('images with any of these tags') },
  { label: 'not_tags', description: vscode.l10n.t('images without all of these tags') },
  { label: 'not_tags_any', description: vscode.l10n.t('images with none of these tags') },
];

function filterProblem(text: string): string | undefined {
  const parsed = parseTagFilter(text);
  if (parsed.ok) return undefined;
  return parsed.problem === 'empty'
    ? vscode.l10n.t('Enter at least one tag, e.g. env=prod')
    : vscode.l10n.t('"{0}" has no key before "=".', parsed.entry ?? '');
}

export const findByTags: CommandFactory = (ctx) => async (opts?: { filter?: Record<string, unknown> }) => {
  let filter = opts?.filter;
  let label: string;
  if (!filter) {
    const title = vscode.l10n.t('Find images by tags');
    const kind = await askPick({ title, step: 1, total: 2, placeholder: vscode.l10n.t('Which images?'), items: KINDS() });
    if (!kind) return undefined;
    const text = await askText({
      title,
      step: 2,
      total: 2,
      prompt: vscode.l10n.t('Tags, as key=value1|value2, separated by commas (key alone: any value)'),
      placeholder: 'env=prod,team',
      validate: filterProblem,
    });
    if (!text) return undefined;
    const parsed = parseTagFilter(text);
    if (!parsed.ok) return undefined;
    filter = { [kind.label]: parsed.entries };
    label = `${kind.label}: ${formatTagFilter(parsed.entries)}`;
  } else {
    label = Object.entries(filter)
      .map(([k, v]) => (Array.isArray(v) ? `${k}: ${formatTagFilter(v)}` : k))
      .join('; ');
  }
  const ids = new Set<string>();
  for await (const r of ctx.client().imagesByTags(filter, 200)) ids.add(r.resource_id);
  ctx.tree.filters = { imageType: 'all', ids, tagFilterLabel: vscode.l10n.t('{0} found by tags', ids.size), tagFilter: label };
  ctx.tree.refresh();
  return [...ids];
};

export const listProjectTags: CommandFactory = (ctx) => async (opts?: { pick?: string }) => {
  const tags = (await ctx.client().listImagesTags()).tags;
  const items = tags.flatMap((t) => t.values.map((v) => ({ label: `${t.key} = ${v}`, key: t.key, value: v })));
  const pick = opts?.pick
    ? items.find((i) => i.label === opts.pick)
    : await vscode.window.showQuickPick(items, {
        title: vscode.l10n.t('Tags of the project: pick one to find its images'),
        placeHolder: vscode.l10n.t('key = value'),
      });
  if (!pick) return tags;
  return vscode.commands.executeCommand('imsTags.findByTags', { filter: { tags: [{ key: pick.key, values: [pick.value] }] } });
};
