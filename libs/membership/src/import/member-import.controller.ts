import { Controller, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiBadRequestResponse, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Actor, CurrentActor, Permission, RequiresPermission, UPLOAD_ROUTE, asCooperativeId, namedParam } from '@buurtcoop/core';
import { CsvUpload } from './csv-upload.decorator';
import { ImportRejectedProblem, MemberImportQueryDto, MemberImportSummaryResponse, mapImportSummary } from './dto/member-import.dto';
import { MemberImportService } from './member-import.service';

const uuid = namedParam(new ParseUUIDPipe());

@ApiTags('membership')
@Controller('cooperatives/:cooperativeId/members/import')
export class MemberImportController {
  constructor(private readonly importer: MemberImportService) {}

  @Post()
  @HttpCode(200)
  @RequiresPermission(Permission.MemberImport)
  @RouteConfig(UPLOAD_ROUTE)
  @ApiOperation({
    summary: "Import the board's existing member list (CSV)",
    description:
      'The list as CSV: comma or semicolon separated, UTF-8 or Windows-1252, Dutch or English headers (lidnummer, voornaam, tussenvoegsel, achternaam, ' +
      'organisatie, e-mail, telefoon, straat, huisnummer, toevoeging, postcode, woonplaats, geboortedatum, lidmaatschap, rol, lid sinds). ' +
      'Send it as the body with content-type text/csv, or as multipart/form-data in a field named `file`; at most 10 MB. ' +
      'Every row is checked first: if any row has a problem nothing is imported and the answer is 422 with every problem as { row, column, problem }, ' +
      'where row is the line of the file, counting the header as row 1 (so the first member is row 2). ' +
      'A clean list is imported in one transaction. A row is recognised by e-mail or member number: a recognised member keeps type, role and status, ' +
      'and gets only the non-empty contact fields (name, phone, address, date of birth) that differ; anyone else is enrolled without an invitation, ' +
      'keeping the member number given in the list. Importing the same list again changes nothing.',
  })
  @ApiConsumes('text/csv')
  @ApiBody({ description: 'The member list as CSV (or, as multipart/form-data, a field named file)', schema: { type: 'string', format: 'binary' } })
  @ApiOkResponse({ type: MemberImportSummaryResponse, description: 'Imported, or (dryRun=true) what an import would do' })
  @ApiBadRequestResponse({ description: 'The file is empty, or dryRun is not true or false' })
  @ApiUnprocessableEntityResponse({ type: ImportRejectedProblem, description: 'Rows have problems; nothing was imported' })
  async import(
    @CurrentActor() actor: Actor,
    @Param('cooperativeId', uuid) cooperativeId: string,
    @Query() query: MemberImportQueryDto,
    @CsvUpload() csv: Buffer,
  ): Promise<MemberImportSummaryResponse> {
    return mapImportSummary(await this.importer.import(asCooperativeId(cooperativeId), csv, { dryRun: query.dryRun ?? false, recordedBy: actor.userId }));
  }
}
