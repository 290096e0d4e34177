import { ApiProperty } from '@nestjs/swagger';
import { Equals, IsInt, Min } from 'class-validator';
import { EnrolmentFields } from '../../members/dto/member-fields';

export class SignUpDto extends EnrolmentFields {
  @ApiProperty({ description: 'Must be true: the applicant agrees to the privacy statement' })
  @Equals(true, { message: 'privacyConsent must be true: you have to agree to the privacy statement' })
  privacyConsent: boolean;

  @ApiProperty({ description: 'Version of the privacy statement the applicant read and agreed to', example: 1 })
  @IsInt()
  @Min(1)
  privacyStatementVersion: number;
}
