import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { REPORT_FORMATS, ReportFormat } from './report-export';

/** `?format=` of every report route: the JSON body, or its tables as a download. */
export class ReportFormatDto {
  @ApiPropertyOptional({ enum: REPORT_FORMATS, description: 'json (default), or a download: csv (all tables one after another, each under a title line, a blank line between) or xlsx (one sheet per table)' })
  @IsOptional()
  @IsIn(REPORT_FORMATS)
  format?: ReportFormat;
}
