import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ description: 'E-mail address of the account', example: 'bestuur@rivierenwijk.example' })
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ description: 'The account password', example: 'buurtcoop-demo' })
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  password: string;
}

export class RefreshDto {
  @ApiProperty({ description: 'The refresh token from the last login or refresh; it can be used once' })
  @IsString()
  @MinLength(20)
  @MaxLength(200)
  refreshToken: string;
}

export class ChangePasswordDto {
  @ApiProperty({ description: 'The password in use now' })
  @IsString()
  @MaxLength(256)
  currentPassword: string;

  @ApiProperty({ description: 'The new password: at least 10 characters, not containing the e-mail name, not a commonly leaked password', minLength: 10 })
  @IsString()
  @MaxLength(256)
  newPassword: string;
}

export class ActivateDto {
  @ApiProperty({ description: 'The token from the activation link in the invitation e-mail' })
  @IsString()
  @MinLength(20)
  @MaxLength(200)
  token: string;

  @ApiProperty({ description: 'The password to set: at least 10 characters, not containing the e-mail name, not a commonly leaked password', minLength: 10 })
  @IsString()
  @MaxLength(256)
  password: string;
}
