import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Who did what to which object. Append-only: triggers refuse UPDATE, DELETE and TRUNCATE.
 * `cooperativeId` is empty for platform events such as logins.
 */
@Entity('audit_events')
@Index('ix_audit_events_cooperative_time', ['cooperativeId', 'occurredAt'])
export class AuditEvent {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column('uuid', { nullable: true })
  cooperativeId: string | null;

  @Column('uuid', { nullable: true })
  actorUserId: string | null;

  /** e.g. `role.grant`, `auth.login.failed`. */
  @Column('text')
  action: string;

  @Column('text', { nullable: true })
  objectType: string | null;

  @Column('text', { nullable: true })
  objectId: string | null;

  @Column('jsonb', { default: {} })
  details: Record<string, unknown>;

  @Column('text', { nullable: true })
  requestId: string | null;

  @Column('text', { nullable: true })
  ip: string | null;

  @Column('timestamptz', { default: () => 'now()' })
  occurredAt: Date;
}
