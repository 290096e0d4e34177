import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { APP_CONFIG, AppConfig } from '../config/config';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { LoginThrottlerGuard } from './login-throttler.guard';
import { PasswordHasher } from './password-hasher';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { TokenService } from './token.service';
import { RoleAssignmentsRepository, UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  imports: [
    JwtModule.register({}),
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => [{ name: 'login', ttl: 60_000, limit: config.login.ratePerMinute }],
    }),
  ],
  controllers: [AuthController],
  providers: [PasswordHasher, UsersRepository, RoleAssignmentsRepository, RefreshTokensRepository, TokenService, AuthService, UsersService, LoginThrottlerGuard],
  exports: [AuthService, UsersService, TokenService, RefreshTokensRepository],
})
export class AuthModule {}
