import { Injectable } from '@nestjs/common';
import { Clock, CooperativeId, TenancyService, dutchDate } from '@buurtcoop/core';
import { HoursService } from '@buurtcoop/exchange';
import { SponsorImpact, SponsorImpactQueryDto } from './dto/sponsor-impact.dto';
import { buildImpactTable } from './impact-table';
import { parsePostcodeRanges } from './postcode-ranges';
import { SponsorImpactError, SponsorImpactErrorCode } from './sponsor-impact.errors';
import { renderSponsorImpactPdf } from './sponsor-impact-pdf';

const MAX_YEARS = 3;

/** What the cooperative did in a sponsor's area (hours delivered, households helped), aggregated and with small cells hidden. */
@Injectable()
export class SponsorImpactService {
  constructor(
    private readonly hours: HoursService,
    private readonly tenancy: TenancyService,
    private readonly clock: Clock,
  ) {}

  async statement(cooperativeId: CooperativeId, q: SponsorImpactQueryDto): Promise<SponsorImpact> {
    const postcodes = parsePostcodeRanges(q.postcodes);
    if (q.from > q.through) throw new SponsorImpactError(SponsorImpactErrorCode.InvalidPeriod, `from (${q.from}) must not be after through (${q.through})`, 'from');
    const latest = `${String(Number(q.from.slice(0, 4)) + MAX_YEARS).padStart(4, '0')}${q.from.slice(4)}`;
    if (q.through > latest) throw new SponsorImpactError(SponsorImpactErrorCode.InvalidPeriod, `through may be at most ${MAX_YEARS} years after from (${latest} at the latest)`, 'through');
    const rows = await this.hours.areaHours(cooperativeId, { postcodeRanges: postcodes, from: q.from, through: q.through });
    return { from: q.from, through: q.through, postcodes, table: buildImpactTable(rows) };
  }

  async pdf(cooperativeId: CooperativeId, q: SponsorImpactQueryDto): Promise<Buffer> {
    const impact = await this.statement(cooperativeId, q);
    const cooperative = await this.tenancy.getCooperative(cooperativeId);
    return renderSponsorImpactPdf({ cooperativeName: cooperative.name, printedOn: dutchDate(this.clock.now()), impact });
  }
}
