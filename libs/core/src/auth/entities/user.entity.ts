import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A login. People may hold roles in several cooperatives, so users are not tenant-owned. */
@Entity('users')
@Index('uq_users_email', { synchronize: false })
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stored lower-cased; unique through `uq_users_email` on lower(email). */
  @Column('text')
  email: string;

  @Column('text')
  displayName: string;

  /** argon2id, PHC string format; empty until the account is activated. */
  @Column('text', { nullable: true })
  passwordHash: string | null;

  @Column('integer', { default: 0 })
  failedLoginCount: number;

  @Column('timestamptz', { nullable: true })
  lockedUntil: Date | null;

  @Column('timestamptz', { default: () => 'now()' })
  passwordChangedAt: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
