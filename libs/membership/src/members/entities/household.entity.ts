import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { Cooperative, TenantJoinColumn } from '@buurtcoop/core';

/** Several persons at one address who share one membership (held by the member that points here). */
@Entity('households')
export class Household {
  @PrimaryColumn('uuid')
  cooperativeId: string;

  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ManyToOne(() => Cooperative, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'cooperative_id' })
  cooperative?: Cooperative;

  @Column('text')
  name: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

@Entity('household_persons')
@Index('ix_household_persons_household', { synchronize: false })
export class HouseholdPerson {
  @PrimaryColumn('uuid')
  cooperativeId: string;

  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  householdId: string;

  @ManyToOne(() => Household, { onDelete: 'RESTRICT' })
  @TenantJoinColumn('household_id')
  household?: Household;

  @Column('text')
  firstName: string;

  @Column('text')
  lastName: string;

  @Column('date', { nullable: true })
  dateOfBirth: string | null;
}
