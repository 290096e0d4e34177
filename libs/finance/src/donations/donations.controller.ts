import { Body, Controller, Headers, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { DonationRateLimit, OwnTransaction, Public, asCooperativeId, namedParam } from '@buurtcoop/core';
import { DonationsService } from './donations.service';
import { DonationCheckoutDto, DonationCheckoutResponse } from './dto/donation-checkout.dto';

const uuid = namedParam(new ParseUUIDPipe());

@ApiTags('donations')
@Controller('cooperatives/:cooperativeId/donations')
export class DonationsController {
  constructor(private readonly donations: DonationsService) {}

  @Post('checkout')
  @Public()
  @OwnTransaction()
  @DonationRateLimit()
  @HttpCode(200)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'The same key for a retried attempt gives the same payment page' })
  @ApiOkResponse({ type: DonationCheckoutResponse })
  @ApiServiceUnavailableResponse({ description: 'Card and iDEAL payment is not configured' })
  checkout(@Param('cooperativeId', uuid) cooperativeId: string, @Body() dto: DonationCheckoutDto, @Headers('idempotency-key') key?: string): Promise<DonationCheckoutResponse> {
    return this.donations.checkout(asCooperativeId(cooperativeId), dto, key);
  }
}
