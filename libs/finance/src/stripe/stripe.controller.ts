import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Put, RawBodyRequest, Req } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Actor, CurrentActor, OwnTransaction, Permission, Public, RequiresPermission, asCooperativeId, namedParam } from '@buurtcoop/core';
import { SetStripeAccountDto, StripeSettingsResponse, WebhookReceiptResponse } from './dto/stripe-settings.dto';
import { StripeSettingsService } from './stripe-settings.service';
import { StripeWebhooksService } from './stripe-webhooks.service';

const uuid = namedParam(new ParseUUIDPipe());

@ApiTags('payments')
@Controller('cooperatives/:cooperativeId/payments/stripe')
export class StripeSettingsController {
  constructor(private readonly settings: StripeSettingsService) {}

  @Get()
  @RequiresPermission(Permission.PaymentSettingsRead)
  @ApiOkResponse({ type: StripeSettingsResponse })
  get(@Param('cooperativeId', uuid) cooperativeId: string): Promise<StripeSettingsResponse> {
    return this.settings.get(asCooperativeId(cooperativeId));
  }

  @Put()
  @RequiresPermission(Permission.PaymentSettingsManage)
  @ApiOkResponse({ type: StripeSettingsResponse })
  @ApiConflictResponse({ description: 'The account is linked to another cooperative' })
  put(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Body() dto: SetStripeAccountDto): Promise<StripeSettingsResponse> {
    return this.settings.setAccount(actor, asCooperativeId(cooperativeId), dto.accountId);
  }
}

@ApiTags('payments')
@Controller('stripe/webhooks')
export class StripeWebhooksController {
  constructor(private readonly webhooks: StripeWebhooksService) {}

  /** Stripe Connect events, signed; booked in the cooperative whose connected account sent them. */
  @Post()
  @Public()
  @OwnTransaction()
  @HttpCode(200)
  @ApiOkResponse({ type: WebhookReceiptResponse, description: 'Received (booked, or recorded as needing nothing)' })
  @ApiBadRequestResponse({ description: 'The signature does not verify, or is too old' })
  @ApiConflictResponse({ description: 'Not yet: a refund whose payment is not booked yet; Stripe delivers it again later' })
  @ApiServiceUnavailableResponse({ description: 'Stripe is not configured' })
  receive(@Req() request: RawBodyRequest<FastifyRequest>, @Headers('stripe-signature') signature?: string): Promise<WebhookReceiptResponse> {
    return this.webhooks.receive(request.rawBody, signature);
  }
}
