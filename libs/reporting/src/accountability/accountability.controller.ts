import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, ParseUUIDPipe, Post, Put, Query, StreamableFile } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, OwnTransaction, Permission, RequiresPermission, asCooperativeId, asMunicipalityId, namedParam } from '@buurtcoop/core';
import { pdfFile } from '@buurtcoop/finance';
import { ReportTable } from '../report-table';
import { reportResponse } from '../exports/report-export';
import { ReportFormatDto } from '../exports/report-format.dto';
import { AccountabilityService } from './accountability.service';
import {
  AccountabilityReportResponse,
  CommentDto,
  CompareQueryDto,
  ComparisonResponse,
  CreateAccountabilityDto,
  RequestChangesDto,
  SaveAccountabilityDto,
  SettleReportDto,
  SettlementResponse,
  SubmitAccountabilityReportDto,
  VersionResponse,
  VersionSummaryResponse,
  mapComparison,
  mapDetail,
  mapReport,
  mapVersion,
} from './dto/accountability.dto';

const uuid = namedParam(new ParseUUIDPipe());
const version = namedParam(new ParseIntPipe());

/** A version as JSON, or its figures' tables (as they were when the version was made) as a download. */
function versionResponse(q: ReportFormatDto, v: VersionResponse): Promise<VersionResponse | StreamableFile> {
  return reportResponse(q.format, `verantwoording-versie-${v.version}`, v, () => ((v.figures as { tables?: ReportTable[] }).tables ?? []));
}

@ApiTags('funding')
@Controller('cooperatives/:cooperativeId/agreements/:agreementId/accountability-reports')
export class AccountabilityController {
  constructor(private readonly accountability: AccountabilityService) {}

  @Post()
  @RequiresPermission(Permission.FundingManage)
  @ApiCreatedResponse({ type: AccountabilityReportResponse, description: 'A draft for the period, version 1, with the figures filled in from the data' })
  async create(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Param('agreementId', uuid) agreementId: string, @Body() dto: CreateAccountabilityDto): Promise<AccountabilityReportResponse> {
    return mapDetail(await this.accountability.create(actor, asCooperativeId(cooperativeId), agreementId, dto));
  }

  @Get()
  @RequiresPermission(Permission.FundingRead)
  @ApiOkResponse({ type: [AccountabilityReportResponse], description: 'The agreement’s reports, by period' })
  async list(@Param('cooperativeId', uuid) cooperativeId: string, @Param('agreementId', uuid) agreementId: string): Promise<AccountabilityReportResponse[]> {
    return (await this.accountability.list(asCooperativeId(cooperativeId), agreementId)).map((r) => mapReport(r));
  }

  @Get(':reportId')
  @RequiresPermission(Permission.FundingRead)
  @ApiOkResponse({ type: AccountabilityReportResponse, description: 'The report with its versions and the reviewer’s comments' })
  async get(@Param('cooperativeId', uuid) cooperativeId: string, @Param('agreementId', uuid) agreementId: string, @Param('reportId', uuid) reportId: string): Promise<AccountabilityReportResponse> {
    return mapDetail(await this.accountability.detail(asCooperativeId(cooperativeId), agreementId, reportId));
  }

  @Put(':reportId/narrative')
  @RequiresPermission(Permission.FundingManage)
  @ApiOkResponse({ type: AccountabilityReportResponse, description: 'Saved as a new version, with the figures taken afresh' })
  async save(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Param('agreementId', uuid) agreementId: string, @Param('reportId', uuid) reportId: string, @Body() dto: SaveAccountabilityDto): Promise<AccountabilityReportResponse> {
    return mapDetail(await this.accountability.save(actor, asCooperativeId(cooperativeId), agreementId, reportId, dto.sections));
  }

  @Post(':reportId/submit')
  @HttpCode(200)
  @RequiresPermission(Permission.FundingManage)
  @ApiOkResponse({ type: AccountabilityReportResponse, description: 'Submitted as a new version; the agreement’s accountability is submitted with it when it was not yet' })
  async submit(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Param('agreementId', uuid) agreementId: string, @Param('reportId', uuid) reportId: string, @Body() dto: SubmitAccountabilityReportDto): Promise<AccountabilityReportResponse> {
    return mapDetail(await this.accountability.submit(actor, asCooperativeId(cooperativeId), agreementId, reportId, dto.documents ?? []));
  }

  @Get(':reportId/versions')
  @RequiresPermission(Permission.FundingRead)
  @ApiOkResponse({ type: [VersionSummaryResponse], description: 'Every version, oldest first' })
  async versions(@Param('cooperativeId', uuid) cooperativeId: string, @Param('agreementId', uuid) agreementId: string, @Param('reportId', uuid) reportId: string): Promise<VersionSummaryResponse[]> {
    return mapDetail(await this.accountability.detail(asCooperativeId(cooperativeId), agreementId, reportId)).versions ?? [];
  }

  @Get(':reportId/compare')
  @RequiresPermission(Permission.FundingRead)
  @ApiOkResponse({ type: ComparisonResponse, description: 'The narrative sections and figures that differ between two versions' })
  async compare(@Param('cooperativeId', uuid) cooperativeId: string, @Param('agreementId', uuid) agreementId: string, @Param('reportId', uuid) reportId: string, @Query() query: CompareQueryDto): Promise<ComparisonResponse> {
    return mapComparison(await this.accountability.compare(asCooperativeId(cooperativeId), agreementId, reportId, query.from, query.to));
  }

  @Get(':reportId/versions/:version')
  @RequiresPermission(Permission.FundingRead)
  @ApiOkResponse({ type: VersionResponse, description: 'One version: narrative and figures; ?format=csv|xlsx downloads its figures’ tables' })
  async version(
    @Param('cooperativeId', uuid) cooperativeId: string,
    @Param('agreementId', uuid) agreementId: string,
    @Param('reportId', uuid) reportId: string,
    @Param('version', version) n: number,
    @Query() q: ReportFormatDto,
  ): Promise<VersionResponse | StreamableFile> {
    return versionResponse(q, mapVersion((await this.accountability.version(asCooperativeId(cooperativeId), agreementId, reportId, n)).version));
  }

  @Get(':reportId/versions/:version/pdf')
  @RequiresPermission(Permission.FundingRead)
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The version as a PDF: narrative, charts and the figures’ tables' })
  async pdf(@Param('cooperativeId', uuid) cooperativeId: string, @Param('agreementId', uuid) agreementId: string, @Param('reportId', uuid) reportId: string, @Param('version', version) n: number): Promise<StreamableFile> {
    const { file, fileName } = await this.accountability.pdf(asCooperativeId(cooperativeId), agreementId, reportId, n);
    return pdfFile(file, fileName);
  }
}

/** The municipality's side: handed-in reports only, each read audit-logged, each cooperative read as its own tenant. */
@ApiTags('municipalities')
@Controller('municipalities/:municipalityId/accountability-reports')
export class MunicipalAccountabilityController {
  constructor(private readonly accountability: AccountabilityService) {}

  @Get()
  @RequiresPermission(Permission.MunicipalityRead)
  @OwnTransaction()
  @ApiOkResponse({ type: [AccountabilityReportResponse], description: 'Reports handed in by the municipality’s cooperatives' })
  async list(@Param('municipalityId', uuid) municipalityId: string): Promise<AccountabilityReportResponse[]> {
    return (await this.accountability.forMunicipality(asMunicipalityId(municipalityId))).map((r) => mapReport(r));
  }

  @Get(':reportId')
  @RequiresPermission(Permission.MunicipalityRead)
  @OwnTransaction()
  @ApiOkResponse({ type: AccountabilityReportResponse, description: 'The report with its versions and comments' })
  async get(@Param('municipalityId', uuid) municipalityId: string, @Param('reportId', uuid) reportId: string): Promise<AccountabilityReportResponse> {
    return mapDetail(await this.accountability.asReviewer(asMunicipalityId(municipalityId), reportId, 'accountability.reviewer.read', (c) => this.accountability.detail(c, null, reportId)));
  }

  @Get(':reportId/versions/:version')
  @RequiresPermission(Permission.MunicipalityRead)
  @OwnTransaction()
  @ApiOkResponse({ type: VersionResponse, description: 'One version: narrative and the figures in aggregate; ?format=csv|xlsx downloads its figures’ tables' })
  async version(@Param('municipalityId', uuid) municipalityId: string, @Param('reportId', uuid) reportId: string, @Param('version', version) n: number, @Query() q: ReportFormatDto): Promise<VersionResponse | StreamableFile> {
    return versionResponse(
      q,
      mapVersion(await this.accountability.asReviewer(asMunicipalityId(municipalityId), reportId, 'accountability.reviewer.read_version', async (c) => (await this.accountability.version(c, null, reportId, n)).version, { version: n, format: q.format ?? 'json' })),
    );
  }

  @Get(':reportId/versions/:version/pdf')
  @RequiresPermission(Permission.MunicipalityRead)
  @OwnTransaction()
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The version as a PDF to file' })
  async pdf(@Param('municipalityId', uuid) municipalityId: string, @Param('reportId', uuid) reportId: string, @Param('version', version) n: number): Promise<StreamableFile> {
    const { file, fileName } = await this.accountability.asReviewer(asMunicipalityId(municipalityId), reportId, 'accountability.reviewer.pdf', (c) => this.accountability.pdf(c, null, reportId, n), { version: n });
    return pdfFile(file, fileName);
  }

  @Post(':reportId/comments')
  @RequiresPermission(Permission.MunicipalityRead)
  @OwnTransaction()
  @ApiCreatedResponse({ type: AccountabilityReportResponse, description: 'Comment recorded on the version' })
  async comment(@CurrentActor() actor: Actor, @Param('municipalityId', uuid) municipalityId: string, @Param('reportId', uuid) reportId: string, @Body() dto: CommentDto): Promise<AccountabilityReportResponse> {
    return mapDetail(await this.accountability.comment(actor, asMunicipalityId(municipalityId), reportId, dto));
  }

  @Post(':reportId/request-changes')
  @HttpCode(200)
  @RequiresPermission(Permission.MunicipalityRead)
  @OwnTransaction()
  @ApiOkResponse({ type: AccountabilityReportResponse, description: 'Changes asked for; the board may save and submit again' })
  async requestChanges(@CurrentActor() actor: Actor, @Param('municipalityId', uuid) municipalityId: string, @Param('reportId', uuid) reportId: string, @Body() dto: RequestChangesDto): Promise<AccountabilityReportResponse> {
    return mapDetail(await this.accountability.requestChanges(actor, asMunicipalityId(municipalityId), reportId, dto));
  }

  @Post(':reportId/approve')
  @HttpCode(200)
  @RequiresPermission(Permission.MunicipalityRead)
  @OwnTransaction()
  @ApiOkResponse({ type: AccountabilityReportResponse, description: 'Approved; the agreement’s review starts' })
  async approve(@CurrentActor() actor: Actor, @Param('municipalityId', uuid) municipalityId: string, @Param('reportId', uuid) reportId: string): Promise<AccountabilityReportResponse> {
    return mapDetail(await this.accountability.approve(actor, asMunicipalityId(municipalityId), reportId));
  }

  @Post(':reportId/settlement')
  @HttpCode(200)
  @RequiresPermission(Permission.MunicipalityRead)
  @OwnTransaction()
  @ApiOkResponse({ type: SettlementResponse, description: 'Vaststelling recorded; finance books what is repayable or still due' })
  async settle(@CurrentActor() actor: Actor, @Param('municipalityId', uuid) municipalityId: string, @Param('reportId', uuid) reportId: string, @Body() dto: SettleReportDto): Promise<SettlementResponse> {
    const { report, agreement } = await this.accountability.settle(actor, asMunicipalityId(municipalityId), reportId, dto);
    return { report: mapReport(report), agreementStatus: agreement.status, settledCents: agreement.settledCents ?? 0 };
  }
}
