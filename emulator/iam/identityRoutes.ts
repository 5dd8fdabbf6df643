/** IAM v3 identities: users, groups, membership, permanent access keys (docs/sources.md §I.1). */
import { QUOTAS, newId, now, type IamAccount } from './account';
import { badRequest, notFoundIam } from './errors';
import { groupJson, keyJson, userJson, links } from './format';
import { operation, type Route } from './router';

type Body = Record<string, unknown> | undefined;
const field = (body: unknown, key: string): Record<string, unknown> => {
  const v = (body as Body)?.[key];
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw badRequest(`The body must be {"${key}": {...}}.`);
  return v as Record<string, unknown>;
};
const optionalText = (v: unknown, name: string, max = 255): string => {
  if (v === undefined) return '';
  if (typeof v !== 'string' || v.length > max) throw badRequest(`${name} must be a string of at most ${max} characters.`);
  return v;
};

export function identityRoutes(a: IamAccount): Route[] {
  const d = a.data;
  /** Everything that names a user goes with it. */
  const removeUser = (id: string) => {
    d.users = d.users.filter((u) => u.id !== id);
    for (const g of d.groups) g.userIds = g.userIds.filter((u) => u !== id);
    d.accessKeys = d.accessKeys.filter((k) => k.userId !== id);
    d.grants = d.grants.filter((g) => !('user' in g.subject && g.subject.user === id));
    for (const p of d.policies) p.attachedUsers = p.attachedUsers.filter((u) => u !== id);
  };
  /** A user from CreateUser's or KeystoneCreateUser's body (the required fields are checked before). */
  const createUser = (body: unknown) => {
    const u = field(body, 'user');
    if (u.domain_id !== undefined && u.domain_id !== a.domainId)
      throw badRequest(`user.domain_id must be this account's (${a.domainId}).`);
    const name = a.checkUserName(u.name);
    if (u.password !== undefined && (typeof u.password !== 'string' || u.password.length < 6 || u.password.length > 32))
      throw badRequest('user.password must be 6 to 32 characters.');
    if (u.enabled !== undefined && typeof u.enabled !== 'boolean') throw badRequest('user.enabled must be true or false.');
    const user = {
      id: newId(),
      name,
      description: optionalText(u.description, 'user.description'),
      enabled: u.enabled !== false,
      password: u.password as string | undefined,
      createdAt: now(),
    };
    d.users.push(user);
    return { status: 201, body: { user: userJson(a, user) } };
  };
  return [
    operation('CreateUser', ({ body }) => createUser(body)),
    operation('KeystoneCreateUser', ({ body }) => createUser(body)),
    operation('ShowUser', ({ params }) => ({
      status: 200,
      body: { user: userJson(a, a.user(params.user_id)) },
    })),
    operation('UpdateUser', ({ params, body }) => {
      const user = a.user(params.user_id);
      const u = field(body, 'user');
      const name = u.name === undefined || u.name === user.name ? user.name : a.checkUserName(u.name);
      const description = u.description === undefined ? user.description : optionalText(u.description, 'user.description');
      if (u.enabled !== undefined && typeof u.enabled !== 'boolean') throw badRequest('user.enabled must be true or false.');
      Object.assign(user, { name, description, enabled: u.enabled ?? user.enabled });
      return { status: 200, body: { user: userJson(a, user) } };
    }),
    operation('KeystoneListUsers', ({ query }) => {
      const name = query.get('name');
      return {
        status: 200,
        body: { users: d.users.filter((u) => !name || u.name === name).map((u) => userJson(a, u)), links: links('/v3/users') },
      };
    }),
    operation('KeystoneShowUser', ({ params }) => ({ status: 200, body: { user: userJson(a, a.user(params.user_id)) } })),
    operation('KeystoneDeleteUser', ({ params }) => {
      removeUser(a.user(params.user_id).id);
      return { status: 204 };
    }),
    // The account's administrator is in IAM's own group "admin" (not a group of the data: it cannot be removed).
    operation('KeystoneListGroupsForUser', ({ params }) =>
      params.user_id === a.adminUserId
        ? {
            status: 200,
            body: {
              groups: [
                {
                  id: `${a.domainId}-admin`,
                  name: 'admin',
                  description: 'administrators',
                  domain_id: a.domainId,
                  create_time: 0,
                  links: links(`/v3/groups/${a.domainId}-admin`),
                },
              ],
              links: links(`/v3/users/${params.user_id}/groups`),
            },
          }
        : {
            status: 200,
            body: {
              groups: a.groupsOf(a.user(params.user_id).id).map((g) => groupJson(a, g)),
              links: links(`/v3/users/${params.user_id}/groups`),
            },
          },
    ),
    operation('KeystoneCreateGroup', ({ body }) => {
      const g = field(body, 'group');
      const group = {
        id: newId(),
        name: a.checkGroupName(g.name),
        description: optionalText(g.description, 'group.description'),
        userIds: [],
        createdAt: now(),
      };
      d.groups.push(group);
      return { status: 201, body: { group: groupJson(a, group) } };
    }),
    operation('KeystoneListGroups', ({ query }) => {
      const name = query.get('name');
      return {
        status: 200,
        body: {
          groups: d.groups.filter((g) => !name || g.name === name).map((g) => groupJson(a, g)),
          links: links('/v3/groups'),
        },
      };
    }),
    operation('KeystoneShowGroup', ({ params }) => ({
      status: 200,
      body: { group: groupJson(a, a.group(params.group_id)) },
    })),
    operation('KeystoneUpdateGroup', ({ params, body }) => {
      const group = a.group(params.group_id);
      const g = field(body, 'group');
      const name = g.name === undefined ? group.name : a.checkGroupName(g.name, group.id);
      const description = g.description === undefined ? group.description : optionalText(g.description, 'group.description');
      Object.assign(group, { name, description });
      return { status: 200, body: { group: groupJson(a, group) } };
    }),
    operation('KeystoneDeleteGroup', ({ params }) => {
      const id = a.group(params.group_id).id;
      d.groups = d.groups.filter((g) => g.id !== id);
      d.grants = d.grants.filter((g) => !('group' in g.subject && g.subject.group === id));
      for (const p of d.policies) p.attachedGroups = p.attachedGroups.filter((g) => g !== id);
      return { status: 204 };
    }),
    operation('KeystoneListUsersForGroupByAdmin', ({ params }) => ({
      status: 200,
      body: {
        users: a.group(params.group_id).userIds.map((id) => userJson(a, a.user(id))),
        links: links(`/v3/groups/${params.group_id}/users`),
      },
    })),
    operation('KeystoneAddUserToGroup', ({ params }) => {
      const group = a.group(params.group_id);
      const user = a.user(params.user_id);
      if (!group.userIds.includes(user.id)) {
        if (a.groupsOf(user.id).length >= QUOTAS.groupsPerUser)
          throw badRequest(`A user is in at most ${QUOTAS.groupsPerUser} groups.`);
        group.userIds.push(user.id);
      }
      return { status: 204 };
    }),
    operation('KeystoneCheckUserInGroup', ({ params }) => {
      if (!a.group(params.group_id).userIds.includes(a.user(params.user_id).id))
        throw notFoundIam(`User ${params.user_id} in group ${params.group_id}`);
      return { status: 204 };
    }),
    operation('KeystoneRemoveUserFromGroup', ({ params }) => {
      const group = a.group(params.group_id);
      if (!group.userIds.includes(a.user(params.user_id).id))
        throw notFoundIam(`User ${params.user_id} in group ${params.group_id}`);
      group.userIds = group.userIds.filter((u) => u !== params.user_id);
      return { status: 204 };
    }),
    operation('CreatePermanentAccessKey', ({ body }) => {
      const c = field(body, 'credential');
      if (typeof c.user_id !== 'string') throw badRequest('credential.user_id is required.');
      const key = a.newAccessKey(a.user(c.user_id).id, optionalText(c.description, 'credential.description'));
      d.accessKeys.push(key);
      return { status: 201, body: { credential: { ...keyJson(key), secret: key.secret } } };
    }),
    operation('ListPermanentAccessKeys', ({ query }) => {
      const user = query.get('user_id');
      return { status: 200, body: { credentials: d.accessKeys.filter((k) => !user || k.userId === user).map(keyJson) } };
    }),
    operation('ShowPermanentAccessKey', ({ params }) => ({
      status: 200,
      // ShowCredential adds when the key was last used (the emulator does not track it: the creation time).
      body: {
        credential: { ...keyJson(a.accessKey(params.access_key)), last_use_time: a.accessKey(params.access_key).createdAt },
      },
    })),
    operation('UpdatePermanentAccessKey', ({ params, body }) => {
      const key = a.accessKey(params.access_key);
      const c = field(body, 'credential');
      if (c.status !== undefined && c.status !== 'active' && c.status !== 'inactive')
        throw badRequest('credential.status must be "active" or "inactive".');
      const description = c.description === undefined ? key.description : optionalText(c.description, 'credential.description');
      Object.assign(key, { status: c.status ?? key.status, description });
      return { status: 200, body: { credential: keyJson(key) } };
    }),
    operation('DeletePermanentAccessKey', ({ params }) => {
      const key = a.accessKey(params.access_key);
      d.accessKeys = d.accessKeys.filter((k) => k !== key);
      return { status: 204 };
    }),
  ];
}
