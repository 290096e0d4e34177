import { Controller, Get, Redirect, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { OwnTransaction, Public } from '../auth/auth.decorators';

/** The URL `npm start` prints leads somewhere useful: the API documentation, until the web UI serves `/`. */
@ApiExcludeController()
@Controller({ version: VERSION_NEUTRAL })
export class RootController {
  @Get()
  @Public()
  @OwnTransaction()
  @Redirect('/api/docs', 302)
  root(): void {}
}
