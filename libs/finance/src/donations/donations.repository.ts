import { Injectable } from '@nestjs/common';
import { Brackets } from 'typeorm';
import { CooperativeId, UnitOfWork } from '@buurtcoop/core';
import { Donation, DonationChannel, DonationPledge, Donor, DonorKind, PledgeChannel, PledgeFrequency } from './entities/donation.entity';

export interface NewDonor {
  kind: DonorKind;
  name: string;
  contactPerson: string | null;
  email: string | null;
  street: string | null;
  postcode: string | null;
  city: string | null;
  iban: string | null;
  memberId: string | null;
  publicConsent: boolean;
}

export interface NewDonation {
  /** Given when the ledger key is made from it (`donation:<id>`); otherwise the database chooses. */
  id?: string;
  donorId: string;
  amountCents: number;
  receivedOn: string;
  channel: DonationChannel;
  fundId: string | null;
  pledgeId: string | null;
  ledgerKey: string;
  entryId: string;
  statementLineId: string | null;
}

export interface NewPledge {
  donorId: string;
  amountCents: number;
  frequency: PledgeFrequency;
  startsOn: string;
  endsOn: string | null;
  fundId: string | null;
  channel: PledgeChannel;
}

@Injectable()
export class DonationsRepository {
  constructor(private readonly uow: UnitOfWork) {}

  /** Null when another donor has this e-mail address. */
  async insertDonor(cooperativeId: CooperativeId, donor: NewDonor, createdBy: string | null): Promise<Donor | null> {
    const [row] = await this.uow.rows<{ id: string }>(
      `INSERT INTO donors (cooperative_id, kind, name, contact_person, email, street, postcode, city, iban, member_id, public_consent, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT DO NOTHING RETURNING id`,
      [cooperativeId, donor.kind, donor.name, donor.contactPerson, donor.email, donor.street, donor.postcode, donor.city, donor.iban, donor.memberId, donor.publicConsent, createdBy],
    );
    return row ? this.donor(cooperativeId, row.id) : null;
  }

  async updateDonor(cooperativeId: CooperativeId, id: string, changes: Partial<NewDonor>): Promise<void> {
    if (Object.keys(changes).length > 0) await this.uow.manager().getRepository(Donor).update({ cooperativeId, id }, changes);
  }

  donor(cooperativeId: CooperativeId, id: string): Promise<Donor | null> {
    return this.uow.manager().getRepository(Donor).findOneBy({ cooperativeId, id });
  }

  donorByEmail(cooperativeId: CooperativeId, email: string): Promise<Donor | null> {
    return this.uow.manager().getRepository(Donor).createQueryBuilder('d').where('d.cooperativeId = :cooperativeId AND lower(d.email) = lower(:email)', { cooperativeId, email }).getOne();
  }

  /** The registered donor giving from this account (the first registered, should two share it). */
  donorByIban(cooperativeId: CooperativeId, iban: string): Promise<Donor | null> {
    return this.uow.manager().getRepository(Donor).findOne({ where: { cooperativeId, iban }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /**
   * The donor with this e-mail address, registered now as a person when there is none. A parallel delivery
   * that registers the same address first wins the unique index; this one then finds theirs.
   */
  async personByEmail(cooperativeId: CooperativeId, name: string, email: string): Promise<Donor> {
    const existing = await this.donorByEmail(cooperativeId, email);
    if (existing) return existing;
    const inserted = await this.insertDonor(
      cooperativeId,
      { kind: 'person', name, contactPerson: null, email, street: null, postcode: null, city: null, iban: null, memberId: null, publicConsent: false },
      null,
    );
    return inserted ?? ((await this.donorByEmail(cooperativeId, email)) as Donor);
  }

  searchDonors(cooperativeId: CooperativeId, filter: { q?: string; kind?: DonorKind; page: number; pageSize: number }): Promise<[Donor[], number]> {
    const q = this.uow.manager().getRepository(Donor).createQueryBuilder('d').where('d.cooperativeId = :cooperativeId', { cooperativeId });
    if (filter.q) {
      const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      q.andWhere(new Brackets((w) => w.where('d.name ILIKE :like', { like }).orWhere('d.contactPerson ILIKE :like', { like })));
    }
    if (filter.kind) q.andWhere('d.kind = :kind', { kind: filter.kind });
    return q
      .orderBy('d.name')
      .addOrderBy('d.id')
      .skip((filter.page - 1) * filter.pageSize)
      .take(filter.pageSize)
      .getManyAndCount();
  }

  /** Null when a donation was recorded under this ledger key before (the same payment reported again). */
  async insertDonation(cooperativeId: CooperativeId, donation: NewDonation, createdBy: string | null): Promise<Donation | null> {
    const [row] = await this.uow.rows<{ id: string }>(
      `INSERT INTO donations (cooperative_id, id, donor_id, amount_cents, received_on, channel, fund_id, pledge_id, ledger_key, entry_id, statement_line_id, created_by)
       VALUES ($1, coalesce($2::uuid, gen_random_uuid()), $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (cooperative_id, ledger_key) DO NOTHING RETURNING id`,
      [
        cooperativeId,
        donation.id ?? null,
        donation.donorId,
        donation.amountCents,
        donation.receivedOn,
        donation.channel,
        donation.fundId,
        donation.pledgeId,
        donation.ledgerKey,
        donation.entryId,
        donation.statementLineId,
        createdBy,
      ],
    );
    return row ? this.donation(cooperativeId, row.id) : null;
  }

  donation(cooperativeId: CooperativeId, id: string): Promise<Donation | null> {
    return this.uow.manager().getRepository(Donation).findOne({ where: { cooperativeId, id }, relations: { fund: true } });
  }

  /** A donor's donations, newest first; of one calendar year when given. */
  donationsOf(cooperativeId: CooperativeId, donorId: string, filter: { year?: number; status?: 'received' } = {}): Promise<Donation[]> {
    const q = this.uow
      .manager()
      .getRepository(Donation)
      .createQueryBuilder('g')
      .leftJoinAndSelect('g.fund', 'f')
      .where('g.cooperativeId = :cooperativeId AND g.donorId = :donorId', { cooperativeId, donorId });
    if (filter.year !== undefined) q.andWhere('g.receivedOn BETWEEN :from AND :through', { from: `${filter.year}-01-01`, through: `${filter.year}-12-31` });
    if (filter.status) q.andWhere('g.status = :status', { status: filter.status });
    return q.orderBy('g.receivedOn', filter.year === undefined ? 'DESC' : 'ASC').addOrderBy('g.createdAt').getMany();
  }

  /** Marks a received donation cancelled; false when it was cancelled already (by a parallel request too). */
  async cancelDonation(cooperativeId: CooperativeId, id: string, reason: string): Promise<boolean> {
    const rows = await this.uow.rows(
      `UPDATE donations SET status = 'cancelled', cancel_reason = $3, cancelled_at = now() WHERE cooperative_id = $1 AND id = $2 AND status = 'received' RETURNING id`,
      [cooperativeId, id, reason],
    );
    return rows.length === 1;
  }

  /** Cancels the received donation booked under this ledger key, if any (its booking was undone). */
  donationByLedgerKey(cooperativeId: CooperativeId, ledgerKey: string): Promise<Donation | null> {
    return this.uow.manager().getRepository(Donation).findOneBy({ cooperativeId, ledgerKey });
  }

  async cancelByLedgerKey(cooperativeId: CooperativeId, ledgerKey: string, reason: string): Promise<void> {
    await this.uow.rows(`UPDATE donations SET status = 'cancelled', cancel_reason = $3, cancelled_at = now() WHERE cooperative_id = $1 AND ledger_key = $2 AND status = 'received'`, [cooperativeId, ledgerKey, reason]);
  }

  async insertPledge(cooperativeId: CooperativeId, pledge: NewPledge, createdBy: string | null): Promise<DonationPledge> {
    return this.uow.manager().getRepository(DonationPledge).save({ ...pledge, cooperativeId, createdBy });
  }

  pledge(cooperativeId: CooperativeId, id: string): Promise<DonationPledge | null> {
    return this.uow.manager().getRepository(DonationPledge).findOne({ where: { cooperativeId, id }, relations: { fund: true } });
  }

  pledgesOf(cooperativeId: CooperativeId, donorId: string): Promise<DonationPledge[]> {
    return this.uow.manager().getRepository(DonationPledge).find({ where: { cooperativeId, donorId }, relations: { fund: true }, order: { startsOn: 'ASC', id: 'ASC' } });
  }

  async endPledge(cooperativeId: CooperativeId, id: string, endsOn: string): Promise<void> {
    await this.uow.manager().getRepository(DonationPledge).update({ cooperativeId, id }, { endsOn });
  }

  /** What the donations linked to these pledges add up to, cancelled ones left out. */
  async receivedByPledge(cooperativeId: CooperativeId, pledgeIds: string[]): Promise<Map<string, number>> {
    if (pledgeIds.length === 0) return new Map();
    const rows = await this.uow.rows<{ pledge_id: string; total: string }>(
      `SELECT pledge_id, sum(amount_cents) AS total FROM donations WHERE cooperative_id = $1 AND pledge_id = ANY($2::uuid[]) AND status = 'received' GROUP BY pledge_id`,
      [cooperativeId, pledgeIds],
    );
    return new Map(rows.map((r) => [r.pledge_id, Number(r.total)]));
  }
}
