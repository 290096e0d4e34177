import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Cooperative } from '../../tenancy/entities/cooperative.entity';
import { User } from './user.entity';
import { COOPERATIVE_ROLES, CooperativeRole } from '../permissions';

@Entity('role_assignments')
@Unique('uq_role_assignments_user_role', ['cooperativeId', 'userId', 'role'])
@Check('ck_role_assignments_role', `role IN (${COOPERATIVE_ROLES.map((r) => `'${r}'`).join(', ')})`)
export class RoleAssignment {
  @PrimaryColumn('uuid')
  cooperativeId: string;

  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ManyToOne(() => Cooperative, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'cooperative_id' })
  cooperative?: Cooperative;

  @Index()
  @Column('uuid')
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column('text')
  role: CooperativeRole;

  @Column('uuid', { nullable: true })
  grantedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
