import { ApiProperty } from '@nestjs/swagger';
import { COOPERATIVE_ROLES, CooperativeRole } from '../permissions';
import { TokenPair } from '../token.service';
import { Profile } from '../auth.service';

export class TokenPairResponse {
  @ApiProperty({ description: 'JWT to send as "Authorization: Bearer <token>"' })
  accessToken: string;

  @ApiProperty({ description: 'Opaque token to get a new pair from /auth/refresh; usable once' })
  refreshToken: string;

  @ApiProperty({ description: 'Always "Bearer"', enum: ['Bearer'] })
  tokenType: 'Bearer';

  @ApiProperty({ description: 'Seconds until the access token expires' })
  expiresIn: number;
}

export function mapTokenPair(pair: TokenPair): TokenPairResponse {
  return { accessToken: pair.accessToken, refreshToken: pair.refreshToken, tokenType: pair.tokenType, expiresIn: pair.expiresIn };
}

export class CooperativeRolesResponse {
  @ApiProperty({ description: 'Cooperative id', format: 'uuid' })
  cooperativeId: string;

  @ApiProperty({ description: 'Roles held in that cooperative', enum: COOPERATIVE_ROLES, isArray: true })
  roles: CooperativeRole[];
}

export class ProfileResponse {
  @ApiProperty({ description: 'User id', format: 'uuid' })
  id: string;

  @ApiProperty({ description: 'E-mail address (login name)' })
  email: string;

  @ApiProperty({ description: 'Name shown to others' })
  displayName: string;

  @ApiProperty({ description: 'Roles per cooperative', type: [CooperativeRolesResponse] })
  cooperatives: CooperativeRolesResponse[];

  @ApiProperty({ description: 'Municipalities this user reviews as municipality reviewer', type: [String] })
  reviewsMunicipalities: string[];
}

export function mapProfile({ user, roles }: Profile): ProfileResponse {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    cooperatives: Object.entries(roles.roles).map(([cooperativeId, list]) => ({ cooperativeId, roles: list })),
    reviewsMunicipalities: roles.reviews,
  };
}
