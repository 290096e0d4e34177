import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

export const CREDENTIAL_KINDS = ['vog', 'first_aid', 'driving_licence', 'other'] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];

/** A provider's certificate (VOG and others), valid from issue to expiry once a coordinator verified it. */
@Entity('provider_credentials')
@Index('ix_provider_credentials_member', ['cooperativeId', 'memberId', 'kind'])
export class ProviderCredential {
  @PrimaryColumn('uuid')
  cooperativeId: string;

  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The provider (a member id from the membership register). */
  @Column('uuid')
  memberId: string;

  @Column('text')
  kind: CredentialKind;

  @Column('text', { nullable: true })
  description: string | null;

  @Column('date')
  issuedOn: string;

  @Column('date')
  expiresOn: string;

  @Column('uuid', { nullable: true })
  verifiedBy: string | null;

  @Column('timestamptz', { nullable: true })
  verifiedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
