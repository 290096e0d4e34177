import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsInt, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';

export class DonationCheckoutDto {
  @ApiPropertyOptional({ description: 'The gift in cents, €1 to €10.000 (give this or `amount`)', example: 2500 })
  @IsOptional()
  @IsInt()
  amountCents?: number;

  @ApiPropertyOptional({ description: 'The gift in euros as typed, e.g. "25" or "12,50" (give this or `amountCents`)', example: '12,50' })
  @IsOptional()
  @IsString()
  @Length(1, 20)
  amount?: string;

  @ApiProperty({ description: 'The donor’s name, for the thank-you and the gift administration', example: 'Fatima el Amrani' })
  @IsString()
  @Length(2, 100)
  donorName: string;

  @ApiProperty({ description: 'E-mail address for Stripe’s receipt', example: 'fatima@example.nl' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiPropertyOptional({ description: 'A message to the cooperative', example: 'Voor de boodschappendienst' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  message?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Earmark: the fund the gift is for (an open fund)' })
  @IsOptional()
  @IsUUID()
  fundId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The registered donor giving (e.g. from a link in a letter); without it the donor is found or registered by e-mail' })
  @IsOptional()
  @IsUUID()
  donorId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The donor’s pledge this payment is for (needs donorId)' })
  @IsOptional()
  @IsUUID()
  pledgeId?: string;
}

export class DonationCheckoutResponse {
  @ApiProperty({ description: 'Stripe’s payment page (iDEAL or card): send the donor there' }) url: string;
}
