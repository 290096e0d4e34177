import { Injectable } from '@nestjs/common';
import { CooperativeId, UnitOfWork } from '@buurtcoop/core';
import { CredentialKind, ProviderCredential } from './entities/provider-credential.entity';

@Injectable()
export class CredentialsRepository {
  constructor(private readonly uow: UnitOfWork) {}

  async insert(cooperativeId: CooperativeId, c: Pick<ProviderCredential, 'memberId' | 'kind' | 'description' | 'issuedOn' | 'expiresOn'>): Promise<ProviderCredential> {
    const repository = this.uow.manager().getRepository(ProviderCredential);
    const { identifiers } = await repository.insert({ ...c, cooperativeId });
    return (await this.find(cooperativeId, identifiers[0].id as string)) as ProviderCredential;
  }

  find(cooperativeId: CooperativeId, id: string): Promise<ProviderCredential | null> {
    return this.uow.manager().getRepository(ProviderCredential).findOneBy({ cooperativeId, id });
  }

  forMember(cooperativeId: CooperativeId, memberId: string): Promise<ProviderCredential[]> {
    return this.uow.manager().getRepository(ProviderCredential).find({ where: { cooperativeId, memberId }, order: { expiresOn: 'DESC' } });
  }

  unverified(cooperativeId: CooperativeId): Promise<ProviderCredential[]> {
    return this.uow
      .manager()
      .getRepository(ProviderCredential)
      .createQueryBuilder('c')
      .where('c.cooperative_id = :cooperativeId AND c.verified_at IS NULL', { cooperativeId })
      .orderBy('c.created_at', 'ASC')
      .getMany();
  }

  /** Verification is a conditional update: verifying twice is "already verified", not a second verification. */
  async verify(cooperativeId: CooperativeId, id: string, verifiedBy: string): Promise<boolean> {
    const rows = await this.uow.rows(
      `UPDATE provider_credentials SET verified_by = $3, verified_at = now() WHERE cooperative_id = $1 AND id = $2 AND verified_at IS NULL RETURNING id`,
      [cooperativeId, id, verifiedBy],
    );
    return rows.length === 1;
  }

  /** Whether the member holds a verified credential of this kind valid on every day of [from, to]. */
  async validThroughout(cooperativeId: CooperativeId, memberId: string, kind: CredentialKind, from: string, to: string): Promise<boolean> {
    const [row] = await this.uow.rows<{ valid: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM provider_credentials
                       WHERE cooperative_id = $1 AND member_id = $2 AND kind = $3 AND verified_at IS NOT NULL
                         AND issued_on <= $4::date AND expires_on >= $5::date) AS valid`,
      [cooperativeId, memberId, kind, from, to],
    );
    return row.valid;
  }
}
