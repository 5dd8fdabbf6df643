/**
 * The hover of a `.http` tag write, with what it would do to access if sent now: the server resolves the
 * request (its image and the tags it sets), the client, which holds the connection and the account,
 * answers the access it moves (core/protocol.ts, imsTags/tagChangeImpact). Asked only of a client that
 * offers it, never in Restricted Mode, and never waited on for long: a hover without it is still a hover.
 */
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { findApi } from '../../core/catalogue';
import { routeFor } from '../../core/http/imsRequest';
import { TAG_CHANGE_IMPACT_REQUEST, type TagChangeImpactParams, type TagChangeImpactResult } from '../../core/protocol';
import { tagWrite } from '../../core/tags/requestTags';
import type { ServerContext } from './context';

/** How long a hover waits for the client's answer (the first one reads the account's IAM). */
const WAIT_MS = 2500;

export async function withTagImpact(
  ctx: ServerContext,
  doc: TextDocument,
  position: Position,
  hover: Hover | null,
): Promise<Hover | null> {
  try {
    return await impactHover(ctx, doc, position, hover);
  } catch {
    return hover; // a stranger's file: the section is a bonus, the hover stands without it
  }
}

async function impactHover(
  ctx: ServerContext,
  doc: TextDocument,
  position: Position,
  hover: Hover | null,
): Promise<Hover | null> {
  if (!hover || !ctx.options.tagImpact || ctx.restricted || doc.languageId !== 'http') return hover;
  const contents = hover.contents;
  if (typeof contents !== 'object' || !('kind' in contents) || contents.kind !== MarkupKind.Markdown) return hover;
  const resolved = ctx.service.resolveHttpRequest(doc, {
    uri: doc.uri,
    line: position.line,
    // Stand-ins where the file names none: the path still routes; the image and the tags are what count.
    defaults: { projectId: 'project', region: 'region' },
  });
  const api = resolved?.apiId ? findApi(resolved.apiId) : undefined;
  // Only the hover about the API (httpHover.ts's apiMarkdown opens with its title), not a variable's.
  if (!api || !resolved || resolved.line !== position.line || !contents.value.startsWith(`**${api.title.en}**`)) return hover;
  const write = tagWrite(api, routeFor(api.method, resolved.path).hit?.params ?? {}, resolved.body ?? '');
  if (!write?.imageId || resolved.missing.length) return hover;
  const params: TagChangeImpactParams = { imageId: write.imageId, tags: write.tags, removes: write.removes };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const answer = await Promise.race([
    ctx.connection.sendRequest<TagChangeImpactResult>(TAG_CHANGE_IMPACT_REQUEST, params).catch(() => null),
    new Promise<null>((r) => (timer = setTimeout(() => r(null), WAIT_MS))),
  ]).finally(() => clearTimeout(timer));
  if (!answer || typeof answer.markdown !== 'string') return hover;
  return { ...hover, contents: { kind: MarkupKind.Markdown, value: `${contents.value}\n\n${answer.markdown}` } };
}
