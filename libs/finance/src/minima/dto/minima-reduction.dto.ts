import { ApiProperty } from '@nestjs/swagger';
import { IsCalendarDate } from '@buurtcoop/core';
import { MinimaReductionClaim } from '../minima-reductions.service';

export class MinimaReductionPeriodDto {
  @ApiProperty({ description: 'Dues invoices issued from (YYYY-MM-DD)', example: '2026-12-01' }) @IsCalendarDate() from: string;
  @ApiProperty({ description: 'Through (YYYY-MM-DD)', example: '2027-12-31' }) @IsCalendarDate() through: string;
}

export class MinimaReductionClaimResponse {
  @ApiProperty({ description: 'Reduced dues invoices claimed (or, for a preview, still to claim)' }) count: number;
  @ApiProperty({ description: 'The reductions together, in cents' }) totalCents: number;
}

export const mapClaim = (c: MinimaReductionClaim): MinimaReductionClaimResponse => ({ count: c.count, totalCents: c.totalCents });
