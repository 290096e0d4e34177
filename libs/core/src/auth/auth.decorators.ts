import { SetMetadata, applyDecorators, createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Permission } from './permissions';
import type { Actor } from './actor';

export const PUBLIC_KEY = 'buurtcoop:public';
export const PERMISSION_KEY = 'buurtcoop:permission';
export const AUTHENTICATED_KEY = 'buurtcoop:authenticated';
export const OWN_TRANSACTION_KEY = 'buurtcoop:own-transaction';

/** Open to anyone, logged in or not. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Any logged-in user, whatever their roles (e.g. their own profile). */
export const Authenticated = () =>
  applyDecorators(SetMetadata(AUTHENTICATED_KEY, true), ApiBearerAuth(), ApiUnauthorizedResponse({ description: 'Not logged in' }));

/**
 * The caller needs this permission in the cooperative (`:cooperativeId`) or municipality
 * (`:municipalityId`) the route names. A caller without any role there gets 404, not 403,
 * so the existence of another tenant's objects is not revealed.
 */
export const RequiresPermission = (permission: Permission) =>
  applyDecorators(
    SetMetadata(PERMISSION_KEY, permission),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'Not logged in' }),
    ApiForbiddenResponse({ description: `Lacks the permission ${permission}` }),
    ApiNotFoundResponse({ description: 'Not found, or not visible to the caller' }),
  );

/** The route opens its own transactions (e.g. login records a failed attempt even though it answers 401). */
export const OwnTransaction = () => SetMetadata(OWN_TRANSACTION_KEY, true);

export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<{ actor?: Actor }>().actor;
  if (!actor) throw new Error('CurrentActor used on a route that is not authenticated');
  return actor;
});
