import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { CommonError } from '../errors/domain.error';
import { isUuid } from '../tenancy/ids';
import { Actor, rolesIn } from './actor';
import { AUTHENTICATED_KEY, PERMISSION_KEY, PUBLIC_KEY } from './auth.decorators';
import { AuthError, AuthErrorCode } from './auth.errors';
import { MUNICIPALITY_REVIEWER_PERMISSIONS, Permission, roleGrants } from './permissions';
import { TokenService } from './token.service';

export type AuthenticatedRequest = FastifyRequest & {
  actor?: Actor;
  params: Record<string, string | undefined>;
  /** The tenant this request works in, once the guard has allowed it. */
  cooperativeId?: string;
};

/**
 * Deny by default: a route must say `@Public()`, `@Authenticated()` or `@RequiresPermission(...)`.
 * The permission is checked against the caller's roles in the cooperative or municipality the
 * route names; a caller with no role there is told "not found".
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger(AuthGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets);
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(PERMISSION_KEY, targets);
    const authenticated = this.reflector.getAllAndOverride<boolean>(AUTHENTICATED_KEY, targets);

    if (isPublic) return true;
    if (!permission && !authenticated) {
      this.logger.error(`${request.method} ${request.routeOptions.url} declares no permission; refused`);
      throw new AuthError(AuthErrorCode.RouteNotDeclared, 'This route is not open to anyone');
    }

    const actor = await this.authenticate(request);
    request.actor = actor;
    if (!permission) return true;

    const { cooperativeId, municipalityId } = request.params;
    if (cooperativeId !== undefined) {
      const roles = isUuid(cooperativeId) ? rolesIn(actor, cooperativeId) : [];
      if (roles.length === 0) throw CommonError.notFound('Cooperative');
      if (!roleGrants(roles, permission)) throw this.denied(permission);
      request.cooperativeId = cooperativeId;
      return true;
    }
    if (municipalityId !== undefined) {
      if (!isUuid(municipalityId) || !actor.reviews.includes(municipalityId)) throw CommonError.notFound('Municipality');
      if (!MUNICIPALITY_REVIEWER_PERMISSIONS.includes(permission)) throw this.denied(permission);
      return true;
    }
    this.logger.error(`${request.method} ${request.routeOptions.url} requires ${permission} but names no cooperative or municipality; refused`);
    throw this.denied(permission);
  }

  private async authenticate(request: FastifyRequest): Promise<Actor> {
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw new AuthError(AuthErrorCode.NotAuthenticated, 'Log in first: send the access token as "Authorization: Bearer <token>"');
    return this.tokens.verifyAccessToken(match[1]);
  }

  private denied(permission: Permission): AuthError {
    return new AuthError(AuthErrorCode.PermissionDenied, `Your role does not allow this (needs ${permission})`);
  }
}
