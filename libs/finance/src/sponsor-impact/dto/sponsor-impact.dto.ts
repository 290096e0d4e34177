import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { IsCalendarDate, MIN_CELL_COUNT } from '@buurtcoop/core';
import { ImpactCell, ImpactTable } from '../impact-table';
import { PostcodeRange } from '../postcode-ranges';

export class SponsorImpactQueryDto {
  @ApiProperty({ description: 'The sponsor’s area: postcode-4 numbers (1000–9999) or ranges a-b (a ≤ b), comma-separated, at most 50', example: '7411-7418,7421' })
  @IsString()
  @MaxLength(600)
  postcodes: string;

  @ApiProperty({ description: 'First day of the period (YYYY-MM-DD, Dutch calendar day); not after `through`', example: '2026-01-01' })
  @IsCalendarDate()
  from: string;

  @ApiProperty({ description: 'Last day of the period (YYYY-MM-DD), included; at most three years after `from`', example: '2026-12-31' })
  @IsCalendarDate()
  through: string;
}

export class PostcodeRangeResponse {
  @ApiProperty({ description: 'First postcode-4 of the range', example: 7411 }) from: number;
  @ApiProperty({ description: 'Last postcode-4 of the range, included', example: 7418 }) to: number;
}

export class ImpactCellResponse {
  @ApiProperty({
    description: `Distinct households helped (a member without a household counts as one). "<5": fewer than ${MIN_CELL_COUNT}, hidden to protect residents' privacy. "x": hidden so that a "<5" figure cannot be worked out from a total and the other figures.`,
    oneOf: [{ type: 'integer' }, { type: 'string', enum: ['<5', 'x'] }],
  })
  households: number | '<5' | 'x';

  @ApiProperty({ type: 'integer', nullable: true, description: 'Hours delivered, as integer minutes; null when the figure is suppressed' })
  deliveredMinutes: number | null;

  @ApiProperty({ description: 'True when households and minutes are hidden (see households)' })
  suppressed: boolean;
}

export class ImpactPostcodeCellResponse extends ImpactCellResponse {
  @ApiProperty({ description: 'Postcode-4 of the residents helped', example: 7412 }) postcode4: number;
}

export class CategoryImpactResponse {
  @ApiProperty({ description: 'Service category', example: 'Klussen in en om het huis' }) category: string;
  @ApiProperty({ type: ImpactCellResponse, description: 'The category over the whole area (households counted once)' }) total: ImpactCellResponse;
  @ApiProperty({ type: [ImpactPostcodeCellResponse], description: 'The category per postcode-4 of the area where anything was delivered' }) postcodes: ImpactPostcodeCellResponse[];
}

/** Aggregates only: category names, postcode-4 numbers, counts and minutes; no person, address or id. */
export class SponsorImpactResponse {
  @ApiProperty({ description: 'First day of the period', example: '2026-01-01' }) from: string;
  @ApiProperty({ description: 'Last day of the period, included', example: '2026-12-31' }) through: string;
  @ApiProperty({ type: [PostcodeRangeResponse], description: 'The area, as sorted disjoint ranges' }) postcodes: PostcodeRangeResponse[];
  @ApiProperty({ enum: ['minutes'], description: 'Unit of every hours figure: integer minutes' }) hoursUnit: 'minutes';
  @ApiProperty({ description: 'Figures counting fewer households than this are hidden', example: MIN_CELL_COUNT }) minimumCount: number;
  @ApiProperty({ type: [CategoryImpactResponse], description: 'Per service category, by name' }) categories: CategoryImpactResponse[];
  @ApiProperty({ type: [ImpactPostcodeCellResponse], description: 'Per postcode-4, all categories together' }) postcodeTotals: ImpactPostcodeCellResponse[];
  @ApiProperty({ type: ImpactCellResponse, description: 'The whole area, all categories' }) total: ImpactCellResponse;
}

export interface SponsorImpact {
  from: string;
  through: string;
  postcodes: PostcodeRange[];
  table: ImpactTable;
}

const mapCell = (c: ImpactCell): ImpactCellResponse => ({ households: c.households, deliveredMinutes: c.deliveredMinutes, suppressed: c.suppressed });

export function mapSponsorImpact(impact: SponsorImpact): SponsorImpactResponse {
  return {
    from: impact.from,
    through: impact.through,
    postcodes: impact.postcodes.map((r) => ({ from: r.from, to: r.to })),
    hoursUnit: 'minutes',
    minimumCount: MIN_CELL_COUNT,
    categories: impact.table.categories.map((c) => ({
      category: c.category,
      total: mapCell(c.total),
      postcodes: c.postcodes.map((p) => ({ postcode4: p.postcode4, ...mapCell(p) })),
    })),
    postcodeTotals: impact.table.postcodeTotals.map((p) => ({ postcode4: p.postcode4, ...mapCell(p) })),
    total: mapCell(impact.table.total),
  };
}
