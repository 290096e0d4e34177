import { Command, CommandRunner, Option } from 'nest-commander';
import { MailService, OUTBOX_STATUSES, OutboxMessage, OutboxStatus, TenancyService, UnitOfWork, asCooperativeId, isUuid } from '@buurtcoop/core';
import { UsageError } from './tenancy.commands';

const MAX_LIMIT = 200;

@Command({ name: 'outbox:list', description: "A cooperative's outgoing mail, newest first: readable without an SMTP server" })
export class OutboxListCommand extends CommandRunner {
  constructor(
    private readonly mail: MailService,
    private readonly tenancy: TenancyService,
    private readonly uow: UnitOfWork,
  ) {
    super();
  }

  async run(_: string[], options: { cooperative?: string; status?: string; limit?: string }): Promise<void> {
    if (!options.cooperative?.trim()) throw new UsageError('--cooperative is required');
    if (options.status !== undefined && !(OUTBOX_STATUSES as readonly string[]).includes(options.status)) {
      throw new UsageError(`--status must be one of ${OUTBOX_STATUSES.join(', ')} (got '${options.status}')`);
    }
    const rawLimit = options.limit ?? '50';
    const limit = Number(rawLimit);
    if (!/^\d+$/.test(rawLimit) || limit < 1 || limit > MAX_LIMIT) {
      throw new UsageError(`--limit must be a whole number from 1 to ${MAX_LIMIT} (got '${options.limit}')`);
    }
    const cooperative = await this.tenancy.requireCooperativeBySlug(options.cooperative.trim());
    const cooperativeId = asCooperativeId(cooperative.id);
    const [messages, total] = await this.uow.run({ cooperativeId }, () =>
      this.mail.list(cooperativeId, { status: options.status as OutboxStatus | undefined, page: 1, pageSize: limit }),
    );
    for (const m of messages) {
      process.stdout.write(`${m.id}  ${m.createdAt.toISOString()}  ${m.status.padEnd(7)}  ${m.kind}  ${m.toAddress}  ${m.subject}\n`);
    }
    process.stdout.write(`${cooperative.name}: ${messages.length} of ${total} message(s)${options.status ? ` with status ${options.status}` : ''}\n`);
  }

  @Option({ flags: '--cooperative <slug>', description: 'Slug of the cooperative, e.g. rivierenwijk', required: true })
  parseCooperative(value: string): string {
    return value;
  }

  @Option({ flags: '--status <status>', description: `Only messages with this status: ${OUTBOX_STATUSES.join(', ')}` })
  parseStatus(value: string): string {
    return value;
  }

  @Option({ flags: '--limit <n>', description: `How many, newest first (1 to ${MAX_LIMIT}, default 50)` })
  parseLimit(value: string): string {
    return value;
  }
}

@Command({ name: 'outbox:show', arguments: '<id>', description: 'One message from the outbox: its delivery state, headers and body' })
export class OutboxShowCommand extends CommandRunner {
  constructor(
    private readonly mail: MailService,
    private readonly uow: UnitOfWork,
  ) {
    super();
  }

  async run([id]: string[]): Promise<void> {
    if (!isUuid(id)) throw new UsageError(`The message id must be a UUID as outbox:list shows it (got '${id ?? ''}')`);
    // The operator's view: any cooperative's message, or platform mail.
    const message = await this.uow.run({ as: 'owner' }, () => this.mail.getAnywhere(id));
    process.stdout.write(describe(message));
  }
}

function describe(m: OutboxMessage): string {
  const lines = [
    `Id:        ${m.id}`,
    `Kind:      ${m.kind}`,
    `Status:    ${m.status}${m.status === 'pending' ? ` (next attempt ${m.nextAttemptAt.toISOString()})` : ''}`,
    `Attempts:  ${m.attempts}`,
    ...(m.lastError ? [`Error:     ${m.lastError}`] : []),
    `Written:   ${m.createdAt.toISOString()}`,
    ...(m.sentAt ? [`Sent:      ${m.sentAt.toISOString()}`] : []),
    `Language:  ${m.language}`,
    ...(m.memberId ? [`Member:    ${m.memberId}`] : []),
    `To:        ${m.toAddress}`,
    `Subject:   ${m.subject}`,
    '',
    m.bodyText,
  ];
  return `${lines.join('\n')}\n`;
}
