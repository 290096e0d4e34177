import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Observable, from, lastValueFrom } from 'rxjs';
import { AuditService } from '../audit/audit.service';
import { OWN_TRANSACTION_KEY, PUBLIC_KEY } from '../auth/auth.decorators';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { TransactionScope, UnitOfWork } from '../database/unit-of-work';
import { requestStorage } from './request-context';
import { asCooperativeId, asUserId } from '../tenancy/ids';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Each API request runs in one transaction, as the app role, with the tenant the guard allowed.
 * A serialization failure re-runs the whole handler (twice at most), then answers 409.
 * A mutating request that recorded nothing specific still leaves an audit event.
 */
@Injectable()
export class TransactionInterceptor implements NestInterceptor {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const requestInfo = { requestId: String(request.id), ip: request.ip, actor: request.actor };
    if (this.reflector.getAllAndOverride<boolean>(OWN_TRANSACTION_KEY, [context.getHandler(), context.getClass()])) {
      return from(requestStorage.run(requestInfo, () => lastValueFrom(next.handle(), { defaultValue: undefined })));
    }
    const scope = {
      cooperativeId: request.cooperativeId ? asCooperativeId(request.cooperativeId) : undefined,
      userId: request.actor ? asUserId(request.actor.userId) : undefined,
    };
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, [context.getHandler(), context.getClass()]);
    const mutating = MUTATING.has(request.method) && !isPublic;
    return from(
      requestStorage.run(requestInfo, () => this.runInTransaction(scope, mutating, request, next)),
    );
  }

  private runInTransaction(scope: TransactionScope, mutating: boolean, request: AuthenticatedRequest, next: CallHandler): Promise<unknown> {
    return this.uow.runWithRetry(scope, async () => {
        const result = await lastValueFrom(next.handle(), { defaultValue: undefined });
        if (mutating && this.uow.current.auditEntries === 0) {
          await this.audit.record({
            action: `${request.method} ${request.routeOptions.url}`,
            objectType: 'route',
            objectId: Object.values(request.params).filter(Boolean).join('/') || undefined,
          });
        }
        return result;
      });
  }
}
