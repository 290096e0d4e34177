import { Controller, Get, Param, ParseUUIDPipe, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Permission, RequiresPermission, asCooperativeId, namedParam } from '@buurtcoop/core';
import { reportResponse } from '../exports/report-export';
import { boardTables, treasurerTables } from './dashboard-tables';
import { DashboardsService } from './dashboards.service';
import { BoardDashboardQueryDto, BoardDashboardResponse, TreasurerDashboardQueryDto, TreasurerDashboardResponse } from './dto/dashboard.dto';

const uuid = namedParam(new ParseUUIDPipe());

/**
 * `LedgerRead` ("read the ledger and its reports") is held by exactly the board and the treasurer, the two
 * audiences of these dashboards; coordinators and plain members have it not. A new permission would have meant
 * a change to the role table for the same two roles.
 */
@ApiTags('dashboards')
@Controller('cooperatives/:cooperativeId/dashboards')
export class DashboardsController {
  constructor(private readonly dashboards: DashboardsService) {}

  @Get('board')
  @RequiresPermission(Permission.LedgerRead)
  @ApiOkResponse({ type: BoardDashboardResponse, description: 'Members, hours, overdue invoices and open help requests; ?format=csv|xlsx downloads the tables' })
  async board(@Param('cooperativeId', uuid) cooperativeId: string, @Query() q: BoardDashboardQueryDto): Promise<BoardDashboardResponse | StreamableFile> {
    const dashboard = await this.dashboards.board(asCooperativeId(cooperativeId), q);
    return reportResponse(q.format, `bestuur-${dashboard.from}-${dashboard.through}`, dashboard, () => boardTables(dashboard));
  }

  @Get('treasurer')
  @RequiresPermission(Permission.LedgerRead)
  @ApiOkResponse({ type: TreasurerDashboardResponse, description: 'Receivables, funds, cash and reconciliation; ?format=csv|xlsx downloads the tables' })
  async treasurer(@Param('cooperativeId', uuid) cooperativeId: string, @Query() q: TreasurerDashboardQueryDto): Promise<TreasurerDashboardResponse | StreamableFile> {
    const dashboard = await this.dashboards.treasurer(asCooperativeId(cooperativeId), q);
    return reportResponse(q.format, `penningmeester-${dashboard.through}`, dashboard, () => treasurerTables(dashboard));
  }
}
