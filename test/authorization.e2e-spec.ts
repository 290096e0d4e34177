import { Controller, Get, HttpCode, Module, Post, RawBodyRequest, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { DiscoveryModule, DiscoveryService, Reflector } from '@nestjs/core';
import request from 'supertest';
import { AUTHENTICATED_KEY, PERMISSION_KEY, PUBLIC_KEY, Permission, Public, RequiresPermission } from '@buurtcoop/core';
import { TestApp, TestCooperative, TestRole, createTestApp, createTestCooperative } from '@buurtcoop/testing';

/** Routes a careless developer might write: one with no declaration, one whose permission names no tenant. */
@Controller('probe')
class ProbeController {
  /** What a signed webhook needs: the exact bytes that were sent. */
  @Post('raw')
  @Public()
  @HttpCode(200)
  raw(@Req() request: RawBodyRequest<FastifyRequest>): { raw: string } {
    return { raw: request.rawBody?.toString('utf8') ?? '(none)' };
  }

  /** A mutating route that records nothing itself. */
  @Post(':cooperativeId/touch')
  @RequiresPermission(Permission.RoleRead)
  @HttpCode(204)
  touch(): void {}

  @Get('undeclared')
  undeclared(): string {
    return 'leaked';
  }

  @Get('no-tenant')
  @RequiresPermission(Permission.AuditRead)
  noTenant(): string {
    return 'leaked';
  }
}

@Module({ imports: [DiscoveryModule], controllers: [ProbeController] })
class ProbeModule {}

describe('Authorisation', () => {
  let sut: TestApp;
  let a: TestCooperative;
  let b: TestCooperative;

  beforeAll(async () => {
    sut = await createTestApp({ extraModules: [ProbeModule] });
    a = await createTestCooperative(sut, 'coop-a');
    b = await createTestCooperative(sut, 'coop-b');
  });
  afterAll(() => sut.close());

  const get = async (path: string, role?: TestRole, coop: TestCooperative = a) => {
    const call = request(sut.url).get(path);
    return role ? call.set('authorization', `Bearer ${await coop.token(role)}`) : call;
  };

  it('refuses a route that declares no permission, even to the board', async () => {
    const response = await get('/api/v1/probe/undeclared', 'board');
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ status: 403, code: 'route_not_declared' });
    expect((await get('/api/v1/probe/undeclared')).status).toBe(403);
  });

  it('keeps the raw request body, byte for byte, for signature checks', async () => {
    const body = '{"id":"evt_1",  "amount": 1250 }';
    const response = await request(sut.url).post('/api/v1/probe/raw').set('content-type', 'application/json').send(body).expect(200);
    expect(response.body.raw).toBe(body);
  });

  it('leaves an audit event for every mutating request, even from a route that records nothing itself', async () => {
    const coordinator = await a.token('coordinator');
    await request(sut.url).post(`/api/v1/probe/${a.cooperativeId}/touch`).set('authorization', `Bearer ${coordinator}`).expect(204);
    const [event] = await sut.database.dataSource.query(
      `SELECT action, actor_user_id, object_id FROM audit_events WHERE cooperative_id = $1 AND action = 'POST /api/v1/probe/:cooperativeId/touch'`,
      [a.cooperativeId],
    );
    expect(event).toEqual({ action: 'POST /api/v1/probe/:cooperativeId/touch', actor_user_id: a.users.coordinator.id, object_id: a.cooperativeId });
  });

  it('refuses a permission-checked route that names no cooperative or municipality', async () => {
    const response = await get('/api/v1/probe/no-tenant', 'board');
    expect(response.status).toBe(403);
    expect(response.text).not.toContain('leaked');
  });

  it('has every route of the product declare who may use it', () => {
    const reflector = sut.app.get(Reflector);
    const undeclared: string[] = [];
    for (const wrapper of sut.app.get(DiscoveryService).getControllers()) {
      const type = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!type || type === ProbeController) continue;
      for (const name of Object.getOwnPropertyNames(type.prototype)) {
        const handler = type.prototype[name];
        if (name === 'constructor' || typeof handler !== 'function' || !Reflect.hasMetadata('path', handler)) continue;
        const declared = [PUBLIC_KEY, AUTHENTICATED_KEY, PERMISSION_KEY].some((key) => reflector.getAllAndOverride(key, [handler, type]) !== undefined);
        if (!declared) undeclared.push(`${type.name}.${name}`);
      }
    }
    expect(undeclared).toEqual([]);
  });

  // Expected status per role for the foundation's cooperative routes (the full matrix grows with each module).
  const matrix: Array<{ route: (c: TestCooperative) => string; expected: Record<TestRole | 'anonymous', number> }> = [
    {
      route: (c) => `/api/v1/cooperatives/${c.cooperativeId}`,
      expected: { anonymous: 401, board: 200, treasurer: 200, coordinator: 200, member: 200, municipality_reviewer: 404 },
    },
    {
      route: (c) => `/api/v1/cooperatives/${c.cooperativeId}/role-assignments`,
      expected: { anonymous: 401, board: 200, treasurer: 200, coordinator: 200, member: 403, municipality_reviewer: 404 },
    },
    {
      route: (c) => `/api/v1/cooperatives/${c.cooperativeId}/audit-events`,
      expected: { anonymous: 401, board: 200, treasurer: 200, coordinator: 403, member: 403, municipality_reviewer: 404 },
    },
    {
      route: (c) => `/api/v1/municipalities/${c.municipalityId}`,
      expected: { anonymous: 401, board: 404, treasurer: 404, coordinator: 404, member: 404, municipality_reviewer: 200 },
    },
  ];

  it.each(matrix.map((row) => [row.route({ cooperativeId: ':cooperativeId', municipalityId: ':municipalityId' } as TestCooperative), row] as const))(
    'answers %s as the role table says',
    async (_, row) => {
      const actual: Record<string, number> = {};
      for (const role of Object.keys(row.expected) as Array<TestRole | 'anonymous'>) {
        actual[role] = (await get(row.route(a), role === 'anonymous' ? undefined : role)).status;
      }
      expect(actual).toEqual(row.expected);
    },
  );

  it("answers 404, never 403 or data, when a user of cooperative A names cooperative B or B's objects", async () => {
    for (const path of [
      `/api/v1/cooperatives/${b.cooperativeId}`,
      `/api/v1/cooperatives/${b.cooperativeId}/role-assignments`,
      `/api/v1/cooperatives/${b.cooperativeId}/audit-events`,
      `/api/v1/municipalities/${b.municipalityId}`,
    ]) {
      const response = await get(path, 'board');
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
      expect(JSON.stringify(response.body)).not.toContain(b.slug);
    }
    const foreignAssignment = (await get(`/api/v1/cooperatives/${b.cooperativeId}/role-assignments`, 'board', b)).body[0].id;
    const response = await get(`/api/v1/cooperatives/${a.cooperativeId}/role-assignments/${foreignAssignment}`, 'board');
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ status: 404, code: 'not_found' });
    await request(sut.url)
      .delete(`/api/v1/cooperatives/${a.cooperativeId}/role-assignments/${foreignAssignment}`)
      .set('authorization', `Bearer ${await a.token('board')}`)
      .expect(404);
    expect((await get(`/api/v1/cooperatives/${b.cooperativeId}/role-assignments/${foreignAssignment}`, 'board', b)).status).toBe(200);
  });

  it('keeps RLS as a second wall: a query that forgets the tenant filter still sees only its own cooperative', async () => {
    // What a request's transaction for A runs as: the app role with A as tenant.
    const rows = await sut.database.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL ROLE buurtcoop_app`);
      await manager.query(`SELECT set_config('app.cooperative_id', $1, true)`, [a.cooperativeId]);
      return manager.query(`SELECT DISTINCT cooperative_id FROM audit_events`);
    });
    expect(rows).toEqual([{ cooperative_id: a.cooperativeId }]);
  });

  it('lets only the board grant and revoke roles, and lists only its own members', async () => {
    const grant = async (role: TestRole) =>
      request(sut.url)
        .post(`/api/v1/cooperatives/${a.cooperativeId}/role-assignments`)
        .set('authorization', `Bearer ${await a.token(role)}`)
        .send({ email: a.users.member.email, role: 'coordinator' });
    expect((await grant('treasurer')).status).toBe(403);
    expect((await grant('member')).status).toBe(403);
    const granted = await grant('board');
    expect(granted.status).toBe(201);
    expect(granted.body).toMatchObject({ userId: a.users.member.id, role: 'coordinator' });
    // Granting again is "already applied", not an error.
    const again = await grant('board');
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(granted.body.id);
    const list = await get(`/api/v1/cooperatives/${a.cooperativeId}/role-assignments`, 'board');
    expect(list.body.map((r: { email: string }) => r.email)).not.toContain(b.users.board.email);
  });

  it('refuses to grant a role to an unknown account, naming the field', async () => {
    const response = await request(sut.url)
      .post(`/api/v1/cooperatives/${a.cooperativeId}/role-assignments`)
      .set('authorization', `Bearer ${await a.token('board')}`)
      .send({ email: 'nobody@coop-a.example', role: 'member' })
      .expect(404);
    expect(response.body.errors).toEqual([{ field: 'email', messages: [expect.stringContaining('nobody@coop-a.example')] }]);
  });
});

describe('The last board member', () => {
  let sut: TestApp;
  let coop: TestCooperative;

  beforeAll(async () => {
    sut = await createTestApp();
    coop = await createTestCooperative(sut, 'board-race');
  });
  afterAll(() => sut.close());

  it('cannot be removed, even when two board members revoke each other at the same moment', async () => {
    const board = await coop.token('board');
    const auth = { authorization: `Bearer ${board}` };
    const base = `/api/v1/cooperatives/${coop.cooperativeId}/role-assignments`;
    await request(sut.url).post(base).set(auth).send({ email: coop.users.treasurer.email, role: 'board' }).expect(201);
    const boardRoles = (await request(sut.url).get(base).set(auth).expect(200)).body.filter((r: { role: string }) => r.role === 'board');
    expect(boardRoles).toHaveLength(2);

    const results = await Promise.all(boardRoles.map((r: { id: string }) => request(sut.url).delete(`${base}/${r.id}`).set(auth)));
    expect(results.map((r) => r.status).sort()).toEqual([204, 409]);
    expect(results.find((r) => r.status === 409)?.body.code).toBe('last_board_member');
    const left = (await request(sut.url).get(base).set(auth).expect(200)).body.filter((r: { role: string }) => r.role === 'board');
    expect(left).toHaveLength(1);
  });

  it('records who granted and revoked roles in the audit log', async () => {
    const auth = { authorization: `Bearer ${await coop.token('board')}` };
    const events = (await request(sut.url).get(`/api/v1/cooperatives/${coop.cooperativeId}/audit-events?limit=10`).set(auth).expect(200)).body;
    const actions = events.map((e: { action: string; actorUserId: string | null }) => [e.action, e.actorUserId]);
    expect(actions).toContainEqual(['role.revoke', coop.users.board.id]);
    expect(actions).toContainEqual(['role.grant', coop.users.board.id]);
  });
});
