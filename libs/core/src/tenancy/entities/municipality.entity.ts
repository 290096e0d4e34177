import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A Dutch gemeente; it co-finances the cooperatives in its area and reviews their reports. */
@Entity('municipalities')
export class Municipality {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  /** CBS gemeentecode, four digits (Deventer: 0150). */
  @Column('char', { length: 4, unique: true })
  cbsCode: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
