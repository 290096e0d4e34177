import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsIn, MaxLength } from 'class-validator';
import { COOPERATIVE_ROLES, CooperativeRole } from '../permissions';
import { RoleAssignmentWithUser } from '../users.service';

export class GrantRoleDto {
  @ApiProperty({ description: 'E-mail address of an existing account', example: 'coordinator@rivierenwijk.example' })
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ description: 'Role to grant in this cooperative', enum: COOPERATIVE_ROLES })
  @IsIn(COOPERATIVE_ROLES, { message: `role must be one of ${COOPERATIVE_ROLES.join(', ')}` })
  role: CooperativeRole;
}

export class RoleAssignmentResponse {
  @ApiProperty({ description: 'Role assignment id', format: 'uuid' })
  id: string;

  @ApiProperty({ description: 'The account holding the role', format: 'uuid' })
  userId: string;

  @ApiProperty({ description: 'Name of the account holder' })
  displayName: string;

  @ApiProperty({ description: 'E-mail address of the account holder' })
  email: string;

  @ApiProperty({ description: 'The role', enum: COOPERATIVE_ROLES })
  role: CooperativeRole;

  @ApiProperty({ description: 'When the role was granted', format: 'date-time' })
  grantedAt: string;
}

export function mapRoleAssignment(a: RoleAssignmentWithUser): RoleAssignmentResponse {
  return { id: a.id, userId: a.userId, displayName: a.user.displayName, email: a.user.email, role: a.role, grantedAt: a.createdAt.toISOString() };
}
