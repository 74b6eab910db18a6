import type { Command } from 'commander';
import { IssueCredentialBody } from '../../contracts/credentials';
import { credentialRegistry, issueCredential, revokeCredential } from '../credentials';
import { loadConfig } from '../config';
import { systemClock } from '../shared/clock';
import type { EventStore } from '../shared/eventStore';
import { openEventStore } from '../shared/eventStore/open';
import { parseOrThrow } from '../shared/http/validate';
import { instant } from '../shared/jalali';
import { loadOrCreateKey, secretBox } from '../shared/secrets';

async function withStore<T>(
  work: (deps: { store: EventStore; secrets: ReturnType<typeof secretBox> }) => Promise<T>,
): Promise<T> {
  const config = loadConfig();
  const store = await openEventStore(config);
  try {
    return await work({
      store,
      secrets: secretBox(loadOrCreateKey(config.SECRETS_KEY, config.dataDir)),
    });
  } finally {
    await store.close();
  }
}

interface CreateOptions {
  role: string;
  agency?: string;
  office?: string;
  terminal?: string;
  province?: string;
  memberBody?: string;
  label?: string;
  expiresInDays: string;
}

export function tokenCommands(program: Command): void {
  const token = program.command('token').description('bearer credentials: create, list, revoke');

  token
    .command('create')
    .description('issue a credential; the token (and a gateway signing secret) is printed once')
    .requiredOption(
      '--role <role>',
      'regulator | commission | areo | provincial_mpo | working_group | agency | office | gateway',
    )
    .option('--agency <id>', 'agency id (role agency)')
    .option('--office <id>', 'office id (roles office, gateway)')
    .option('--terminal <id>', 'terminal id, 8 characters (role gateway)')
    .option('--province <code>', 'province code (roles provincial_mpo, working_group)')
    .option('--member-body <body>', 'areo | ict | governorate (role working_group)')
    .option('--label <text>', 'who or what holds it')
    .option('--expires-in-days <n>', 'validity in days', '90')
    .action(async (o: CreateOptions) => {
      const scope = Object.fromEntries(
        Object.entries({
          agencyId: o.agency,
          officeId: o.office,
          terminalId: o.terminal,
          province: o.province,
          memberBody: o.memberBody,
        }).filter(([, v]) => v !== undefined),
      );
      const input = parseOrThrow(
        IssueCredentialBody,
        {
          role: o.role,
          scope,
          label: o.label ?? `${o.role} (cli)`,
          expiresInDays: Number(o.expiresInDays),
        },
        'options',
      );
      const issued = await withStore(({ store, secrets }) =>
        issueCredential({ store, clock: systemClock, secrets }, input, 'cli'),
      );
      const lines = [`credential: ${issued.credentialId}`, `token: ${issued.token}`];
      if (issued.signingSecret) lines.push(`signing secret: ${issued.signingSecret}`);
      lines.push(
        `expires: ${issued.expiresAt.toISOString()} (${instant(issued.expiresAt).jalali})`,
      );
      process.stdout.write(lines.join('\n') + '\n');
    });

  token
    .command('list')
    .description('list credentials (never their tokens)')
    .action(async () => {
      await withStore(async ({ store }) => {
        const registry = credentialRegistry(store);
        await registry.ready;
        for (const r of registry.list()) {
          const { credentialId, role, ...scope } = r.principal;
          process.stdout.write(
            `${credentialId}  ${role.padEnd(14)} ${JSON.stringify(scope)}  ${r.revokedAt ? 'revoked' : `expires ${r.expiresAt}`}  ${r.label}\n`,
          );
        }
        await registry.stop();
      });
    });

  token
    .command('revoke <credentialId>')
    .description('revoke a credential; it stops working at once')
    .requiredOption('--reason <text>', 'why')
    .action(async (credentialId: string, o: { reason: string }) => {
      await withStore(({ store, secrets }) =>
        revokeCredential({ store, clock: systemClock, secrets }, credentialId, o.reason, 'cli'),
      );
      process.stdout.write(`revoked ${credentialId}\n`);
    });
}
