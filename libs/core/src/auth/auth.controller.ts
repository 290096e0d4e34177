import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiNoContentResponse, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Actor } from './actor';
import { Authenticated, CurrentActor, OwnTransaction, Public } from './auth.decorators';
import { AuthService } from './auth.service';
import { LoginRateLimit } from './rate-limits';
import { ActivateDto, ChangePasswordDto, LoginDto, RefreshDto } from './dto/login.dto';
import { ActivationService } from './activation.service';
import { ProfileResponse, TokenPairResponse, mapProfile, mapTokenPair } from './dto/auth.response';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly activation: ActivationService,
  ) {}

  @Post('login')
  @HttpCode(200)
  @Public()
  @OwnTransaction()
  @LoginRateLimit()
  @ApiOkResponse({ type: TokenPairResponse, description: 'Logged in' })
  @ApiUnauthorizedResponse({ description: 'Wrong e-mail address or password' })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts, or the account is locked for a while' })
  async login(@Body() dto: LoginDto): Promise<TokenPairResponse> {
    return mapTokenPair(await this.auth.login(dto.email, dto.password));
  }

  @Post('refresh')
  @HttpCode(200)
  @Public()
  @OwnTransaction()
  @LoginRateLimit()
  @ApiOkResponse({ type: TokenPairResponse, description: 'A new token pair; the old refresh token is spent' })
  async refresh(@Body() dto: RefreshDto): Promise<TokenPairResponse> {
    return mapTokenPair(await this.auth.refresh(dto.refreshToken));
  }

  @Post('logout')
  @HttpCode(204)
  @Public()
  @OwnTransaction()
  @ApiNoContentResponse({ description: 'The session of this refresh token is ended' })
  async logout(@Body() dto: RefreshDto): Promise<void> {
    await this.auth.logout(dto.refreshToken);
  }

  @Post('activate')
  @HttpCode(204)
  @Public()
  @OwnTransaction()
  @LoginRateLimit()
  @ApiNoContentResponse({ description: 'Password set; the account can log in' })
  @ApiUnauthorizedResponse({ description: 'The link is invalid, expired or already used' })
  async activate(@Body() dto: ActivateDto): Promise<void> {
    await this.activation.activate(dto.token, dto.password);
  }

  @Post('password')
  @HttpCode(204)
  @Authenticated()
  @OwnTransaction()
  @ApiNoContentResponse({ description: 'Password changed; every session must log in again' })
  async changePassword(@CurrentActor() actor: Actor, @Body() dto: ChangePasswordDto): Promise<void> {
    await this.auth.changePassword(actor, dto.currentPassword, dto.newPassword);
  }

  @Get('me')
  @Authenticated()
  @OwnTransaction()
  @ApiOkResponse({ type: ProfileResponse })
  async me(@CurrentActor() actor: Actor): Promise<ProfileResponse> {
    return mapProfile(await this.auth.profile(actor));
  }
}
