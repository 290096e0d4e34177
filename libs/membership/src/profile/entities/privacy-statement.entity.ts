import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Cooperative } from '@buurtcoop/core';

/** A published version of the cooperative's privacy statement; sign-ups consent to the current one. */
@Entity('privacy_statements')
@Unique('uq_privacy_statements_version', ['cooperativeId', 'version'])
export class PrivacyStatement {
  @PrimaryColumn('uuid')
  cooperativeId: string;

  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ManyToOne(() => Cooperative, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'cooperative_id' })
  cooperative?: Cooperative;

  @Column('integer')
  version: number;

  @Column('text')
  text: string;

  @CreateDateColumn({ type: 'timestamptz' })
  publishedAt: Date;
}
