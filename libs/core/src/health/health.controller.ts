import { Controller, Get, ServiceUnavailableException, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { OwnTransaction, Public } from '../auth/auth.decorators';

@ApiTags('health')
@Controller({ path: 'health', version: VERSION_NEUTRAL })
export class HealthController {
  constructor(private readonly dataSource: DataSource) {}

  @Get('live')
  @Public()
  @OwnTransaction()
  @ApiOkResponse({ description: 'The process is up' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @Public()
  @OwnTransaction()
  @ApiOkResponse({ description: 'The database answers and the schema is migrated' })
  @ApiServiceUnavailableResponse({ description: 'The database is unreachable or migrations are pending' })
  async ready(): Promise<{ status: 'ok'; database: 'ok' }> {
    try {
      await this.dataSource.query('SELECT 1');
      if (await this.dataSource.showMigrations()) throw new Error('migrations pending');
    } catch (error) {
      throw new ServiceUnavailableException(`Database not ready: ${(error as Error).message}`);
    }
    return { status: 'ok', database: 'ok' };
  }
}
