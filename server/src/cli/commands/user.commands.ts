import { ROLES } from '@hallwatch/shared';
import { CreateUserDto } from '../../modules/accounts/dtos/user.dto';
import { User } from '../../modules/accounts/entities/user.entity';
import { validateInput } from '../../core/validation/input-validation';
import { accountServices, asCli } from './account-services';
import { CliCommand, parseArgs } from './command';
import { only, table } from './registry.commands';
import { readSecret } from './secret-input';
import { withDataSource } from './with-data-source';

const USAGE = [
  'user create --username u --role <role> (--site a,b | --all-sites) [--password-stdin]',
  'user create --username u --role department --site a --department <code> [--password-stdin]   (an account of one department of the site)',
  'user list',
  'user unlock <username> | user revoke-sessions <username>',
  'user set-password <username> [--password-stdin]   (the user must change it at next sign-in)',
].join('\n    ');

async function newPassword(fromStdin: boolean): Promise<string> {
  const first = await readSecret('Password (at least 12 characters): ', fromStdin);
  if (fromStdin || !process.stdin.isTTY) return first;
  if ((await readSecret('Again: ', false)) !== first) throw new Error('The two passwords differ');
  return first;
}

/** Field errors from the services come as HTTP exceptions: print what they say. */
function explain(err: unknown): Error {
  const body = (err as { getResponse?: () => unknown }).getResponse?.();
  const message = body && typeof body === 'object' ? (body as { message?: unknown }).message : undefined;
  return new Error(typeof message === 'string' ? message : (err as Error).message);
}

export const userCommand: CliCommand = {
  name: 'user',
  usage: 'user create|list|unlock|revoke-sessions|set-password …',
  summary: `manage accounts (the first admin is made here; admins make the rest in the app):\n    ${USAGE}`,
  async run(config, args) {
    const [action, ...rest] = args;
    const o = parseArgs(rest);
    return withDataSource(config, (ds) =>
      asCli(async () => {
        const s = accountServices(ds, config);
        try {
          if (action === 'create') {
            only(o, 'user create', ['username', 'role', 'site', 'all-sites', 'department', 'password-stdin']);
            if (!o.username || !o.role) throw new Error(`user create needs --username and --role (${ROLES.join(', ')})`);
            const allSites = o['all-sites'] === 'true';
            if (!allSites && (!o.site || o.site === 'true')) throw new Error('user create needs --site <code[,code…]> or --all-sites');
            if (o.role === 'department' && (!o.department || o.department === 'true'))
              throw new Error('user create --role department needs --department <code> (a department of its site)');
            const password = await newPassword(o['password-stdin'] === 'true');
            const input = validateInput(CreateUserDto, {
              username: o.username.toLowerCase(),
              role: o.role,
              password,
              ...(allSites ? { allSites: true } : { sites: o.site.split(',').map((c) => c.trim()) }),
              ...(o.department !== undefined ? { department: o.department } : {}),
            });
            const u = await s.users.create('all', input);
            const where = u.sites === 'all' ? 'every site' : `site(s) ${u.sites.join(', ')}`;
            console.log(`Created ${u.role} "${u.username}" for ${where}${u.department ? `, department ${u.department}` : ''}`);
            return 0;
          }
          if (action === 'list') {
            only(o, 'user list', []);
            const rows = await s.users.list('all');
            table(
              ['username', 'role', 'sites', 'department', 'state'],
              rows.map((u) => [
                u.username,
                u.role,
                u.sites === 'all' ? '*' : u.sites.join(','),
                u.department ?? '',
                u.disabled ? 'disabled' : u.lockedUntil ? `locked until ${u.lockedUntil}` : 'active',
              ]),
            );
            return 0;
          }
          if (['unlock', 'revoke-sessions', 'set-password'].includes(action)) {
            only(o, `user ${action}`, action === 'set-password' ? ['password-stdin'] : []);
            const user = await ds.getRepository(User).findOneBy({ username: o._.toLowerCase() });
            if (!user) throw new Error(`No user named "${o._}"`);
            if (action === 'unlock') await s.users.unlock('all', user.id);
            if (action === 'revoke-sessions') console.log(`Ended ${(await s.users.endSessions('all', user.id)).ended} session(s)`);
            if (action === 'set-password') await s.users.setPassword('all', user.id, await newPassword(o['password-stdin'] === 'true'));
            console.log(`Done: ${action} ${user.username}`);
            return 0;
          }
        } catch (err) {
          throw explain(err);
        }
        throw new Error(`Usage:\n    ${USAGE}`);
      }),
    );
  },
};
