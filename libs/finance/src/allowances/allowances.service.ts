import { Injectable } from '@nestjs/common';
import { Actor, AuditService, CooperativeId, addDays, formatEuro } from '@buurtcoop/core';
import { MembersService } from '@buurtcoop/membership';
import { FundsService } from '../funds/funds.service';
import { LedgerService } from '../ledger/ledger.service';
import { Allowance } from './entities/allowance.entity';
import { AllowanceError, AllowanceErrorCode } from './allowances.errors';
import { AllowanceFilter, AllowancesRepository, NewAllowance } from './allowances.repository';
import { CapAmounts, EffectiveCaps, ageOn, effectiveCaps, hourlyLimitCents } from './allowance-caps';

const COST_ACCOUNT = '4000';
const PAYABLE_ACCOUNT = '1600';
const MIN_YEAR = 2000;
const MAX_YEAR = 2200;

export const allowanceKey = (id: string) => `allowance:${id}`;

/** The last day of a `YYYY-MM` month. */
function lastDayOf(month: string): string {
  const [year, m] = month.split('-').map(Number);
  const next = m === 12 ? `${year + 1}-01-01` : `${year}-${String(m + 1).padStart(2, '0')}-01`;
  return addDays(next, -1);
}

/**
 * Volunteer allowances (vrijwilligersvergoedingen): what the cooperative pays a volunteer for their time,
 * kept within the tax-free caps per hour, month and year, and booked as a cost owed to the volunteer.
 */
@Injectable()
export class AllowancesService {
  constructor(
    private readonly allowances: AllowancesRepository,
    private readonly members: MembersService,
    private readonly funds: FundsService,
    private readonly ledger: LedgerService,
    private readonly audit: AuditService,
  ) {}

  async caps(cooperativeId: CooperativeId, year: number): Promise<EffectiveCaps> {
    this.checkYear(year);
    const caps = effectiveCaps(year, await this.allowances.caps(cooperativeId));
    if (!caps) throw new AllowanceError(AllowanceErrorCode.NoCaps, `year: no allowance caps are known for ${year} or any year before it; set them first`, 'year');
    return caps;
  }

  async setCaps(cooperativeId: CooperativeId, year: number, caps: CapAmounts): Promise<EffectiveCaps> {
    this.checkYear(year);
    await this.allowances.setCaps(cooperativeId, year, caps);
    await this.audit.record({ action: 'allowance_caps.set', objectType: 'allowance_caps', objectId: String(year), details: { ...caps } });
    return this.caps(cooperativeId, year);
  }

  /** Grants an allowance, refusing one that would take the volunteer over a cap; two grants for one person are serialised. */
  async grant(actor: Actor, cooperativeId: CooperativeId, input: Omit<NewAllowance, 'fundId'> & { fundId?: string | null }): Promise<Allowance> {
    const standing = await this.members.standing(cooperativeId, { memberId: input.memberId });
    if (!standing) throw new AllowanceError(AllowanceErrorCode.MemberUnknown, 'memberId: no such member in this cooperative', 'memberId');
    const entryDate = await this.ledger.openDay(cooperativeId, lastDayOf(input.month));
    if (input.fundId) await this.funds.requireOpen(cooperativeId, input.fundId, { on: entryDate, field: 'fundId' });
    const year = Number(input.month.slice(0, 4));
    const caps = await this.caps(cooperativeId, year).catch((e: unknown) => {
      if (e instanceof AllowanceError && e.code === AllowanceErrorCode.NoCaps) {
        throw new AllowanceError(AllowanceErrorCode.NoCaps, `month: no allowance caps are known for ${year}; set them first`, 'month');
      }
      throw e;
    });

    // The under-21 rate applies to a volunteer not yet 21 on the first day of the month. Without a date of
    // birth in the register the 21-and-older rate applies. Reading it is a look at the record, and audited.
    const { member } = await this.members.view(actor, cooperativeId, input.memberId);
    const under21 = member.dateOfBirth !== null && ageOn(member.dateOfBirth, `${input.month}-01`) < 21;
    const hourly = under21 ? caps.hourlyUnder21Cents : caps.hourlyCents;
    const who = standing.displayName;
    const amount = formatEuro(input.amountCents);
    const limit = hourlyLimitCents(input.hours, hourly);
    if (input.amountCents > limit) {
      throw new AllowanceError(
        AllowanceErrorCode.AboveCap,
        `amountCents: ${amount} for ${input.hours} hours is above the hourly cap of ${formatEuro(hourly)}${under21 ? ' (under 21)' : ''}, at most ${formatEuro(limit)} for ${who}`,
        'amountCents',
      );
    }

    await this.allowances.lockMemberYear(cooperativeId, input.memberId, year);
    const granted = await this.allowances.granted(cooperativeId, input.memberId, input.month);
    if (granted.monthCents + input.amountCents > caps.monthlyCents) {
      throw new AllowanceError(
        AllowanceErrorCode.AboveCap,
        `amountCents: ${amount} would bring ${who}'s allowances for ${input.month} to ${formatEuro(granted.monthCents + input.amountCents)}, above the monthly cap of ${formatEuro(caps.monthlyCents)}`,
        'amountCents',
      );
    }
    if (granted.yearCents + input.amountCents > caps.yearlyCents) {
      throw new AllowanceError(
        AllowanceErrorCode.AboveCap,
        `amountCents: ${amount} would bring ${who}'s allowances for ${year} to ${formatEuro(granted.yearCents + input.amountCents)}, above the yearly cap of ${formatEuro(caps.yearlyCents)}`,
        'amountCents',
      );
    }

    const allowance = await this.allowances.insert(cooperativeId, { ...input, fundId: input.fundId ?? null }, actor.userId);
    const accounts = await this.ledger.accountIdsByCode(cooperativeId, [COST_ACCOUNT, PAYABLE_ACCOUNT]);
    await this.ledger.post(
      cooperativeId,
      {
        entryDate,
        description: `Vrijwilligersvergoeding ${input.month}: ${input.description}`,
        idempotencyKey: allowanceKey(allowance.id),
        lines: [
          { accountId: accounts[COST_ACCOUNT], amountCents: input.amountCents, memberId: input.memberId, fundId: allowance.fundId },
          { accountId: accounts[PAYABLE_ACCOUNT], amountCents: -input.amountCents, memberId: input.memberId },
        ],
      },
      actor.userId,
    );
    await this.audit.record({ action: 'allowance.grant', objectType: 'allowance', objectId: allowance.id, details: { month: input.month, amountCents: input.amountCents, capsYear: caps.year } });
    return allowance;
  }

  /** Cancels an allowance: its entry is reversed, and the amount no longer counts towards the caps. */
  async cancel(actor: Actor, cooperativeId: CooperativeId, id: string, reason: string): Promise<Allowance> {
    await this.get(cooperativeId, id);
    if (!(await this.allowances.cancel(cooperativeId, id, reason))) {
      throw new AllowanceError(AllowanceErrorCode.AlreadyCancelled, 'This allowance was already cancelled');
    }
    await this.ledger.reverseByKey(cooperativeId, allowanceKey(id), actor.userId, `Vrijwilligersvergoeding ingetrokken: ${reason}`);
    await this.audit.record({ action: 'allowance.cancel', objectType: 'allowance', objectId: id, details: { reason } });
    return this.get(cooperativeId, id);
  }

  async get(cooperativeId: CooperativeId, id: string): Promise<Allowance> {
    const allowance = await this.allowances.find(cooperativeId, id);
    if (!allowance) throw new AllowanceError(AllowanceErrorCode.NotFound, 'Allowance was not found');
    return allowance;
  }

  list(cooperativeId: CooperativeId, filter: AllowanceFilter) {
    return this.allowances.list(cooperativeId, filter);
  }

  async own(actor: Actor, cooperativeId: CooperativeId, filter: Omit<AllowanceFilter, 'memberId'>) {
    const member = await this.members.ownMember(actor, cooperativeId);
    return this.allowances.list(cooperativeId, { ...filter, memberId: member.id });
  }

  private checkYear(year: number): void {
    if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
      throw new AllowanceError(AllowanceErrorCode.InvalidYear, `year must be a year between ${MIN_YEAR} and ${MAX_YEAR}`, 'year');
    }
  }
}
