import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** A login. People may hold roles in several cooperatives, so users are not tenant-owned. */
@Entity('users')
@Index('uq_users_email', { synchronize: false })
export class User {
  @PrimaryColumn('uuid', { default: () => 'gen_random_uuid()' })
  id: string;

  /** Stored lower-cased; unique through `uq_users_email` on lower(email). */
  @Column('text')
  email: string;

  @Column('text')
  displayName: string;

  /** argon2id, PHC string format. */
  @Column('text')
  passwordHash: string;

  @Column('integer', { default: 0 })
  failedLoginCount: number;

  @Column('timestamptz', { nullable: true })
  lockedUntil: Date | null;

  @Column('timestamptz', { default: () => 'now()' })
  passwordChangedAt: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
