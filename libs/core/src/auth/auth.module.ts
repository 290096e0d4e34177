import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { APP_CONFIG, AppConfig } from '../config/config';
import { AuthController } from './auth.controller';
import { ActivationService } from './activation.service';
import { AuthService } from './auth.service';
import { rateLimits } from './rate-limits';
import { PasswordHasher } from './password-hasher';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { TokenService } from './token.service';
import { RoleAssignmentsRepository, UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  imports: [
    // A key object made once: given the secret as a string, jsonwebtoken first tries to read it as a public
    // key on every verification (about a millisecond of CPU per authenticated request).
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ secret: createSecretKey(Buffer.from(config.jwtSecret, 'utf8')) }),
    }),
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => rateLimits(config),
    }),
  ],
  controllers: [AuthController],
  providers: [ActivationService, PasswordHasher, UsersRepository, RoleAssignmentsRepository, RefreshTokensRepository, TokenService, AuthService, UsersService],
  exports: [AuthService, ActivationService, UsersService, TokenService, RefreshTokensRepository, ThrottlerModule],
})
export class AuthModule {}
