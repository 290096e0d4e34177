import { MigrationInterface, QueryRunner } from 'typeorm';
import { secureTenantTable, unsecureTenantTable } from '@buurtcoop/core';

/** Participation agreements are the cooperative's own; they end, they are never deleted. */
export class ParticipationAgreementsSecurity1795432992980 implements MigrationInterface {
  name = 'ParticipationAgreementsSecurity1795432992980';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await secureTenantTable(queryRunner, 'participation_agreements', 'SELECT, INSERT, UPDATE');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await unsecureTenantTable(queryRunner, 'participation_agreements');
  }
}
