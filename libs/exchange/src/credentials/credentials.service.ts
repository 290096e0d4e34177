import { Injectable } from '@nestjs/common';
import { Actor, AuditService, CooperativeId } from '@buurtcoop/core';
import { ExchangeError, ExchangeErrorCode } from '../exchange.errors';
import { ExchangeMembers } from '../exchange-members';
import { CredentialsRepository } from './credentials.repository';
import { ProviderCredential } from './entities/provider-credential.entity';
import { AddCredentialDto } from './dto/credential.dto';

@Injectable()
export class CredentialsService {
  constructor(
    private readonly credentials: CredentialsRepository,
    private readonly members: ExchangeMembers,
    private readonly audit: AuditService,
  ) {}

  /** A provider registers a certificate of their own; it counts once a coordinator verified it. */
  async addOwn(actor: Actor, cooperativeId: CooperativeId, dto: AddCredentialDto): Promise<ProviderCredential> {
    if (dto.expiresOn < dto.issuedOn) throw new ExchangeError(ExchangeErrorCode.InvalidPeriod, 'expiresOn must not be before issuedOn', 'expiresOn');
    const me = await this.members.own(actor, cooperativeId);
    const credential = await this.credentials.insert(cooperativeId, { memberId: me.memberId, kind: dto.kind, description: dto.description ?? null, issuedOn: dto.issuedOn, expiresOn: dto.expiresOn });
    await this.audit.record({ action: 'credential.add', objectType: 'provider_credential', objectId: credential.id, details: { kind: dto.kind } });
    return credential;
  }

  async own(actor: Actor, cooperativeId: CooperativeId): Promise<ProviderCredential[]> {
    const me = await this.members.own(actor, cooperativeId);
    return this.credentials.forMember(cooperativeId, me.memberId);
  }

  unverified(cooperativeId: CooperativeId): Promise<ProviderCredential[]> {
    return this.credentials.unverified(cooperativeId);
  }

  async verify(actor: Actor, cooperativeId: CooperativeId, id: string): Promise<ProviderCredential> {
    const credential = await this.credentials.find(cooperativeId, id);
    if (!credential) throw new ExchangeError(ExchangeErrorCode.CredentialNotFound, 'Credential was not found');
    if (await this.credentials.verify(cooperativeId, id, actor.userId)) {
      await this.audit.record({ action: 'credential.verify', objectType: 'provider_credential', objectId: id });
    }
    return (await this.credentials.find(cooperativeId, id)) as ProviderCredential;
  }
}
