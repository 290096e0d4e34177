import { RequestMethod } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import request from 'supertest';
import type { TestApp } from '@buurtcoop/testing';

/** A JSON schema as @nestjs/swagger writes it: properties, items, or a reference into components. */
export interface Schema {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, { operationId: string; requestBody?: { content?: Record<string, { schema?: Schema }> } }>>;
  components?: { schemas?: Record<string, Schema> };
}

export interface Operation {
  /** `post /api/v1/auth/login`: lower-case method and the documented path. */
  key: string;
  method: string;
  path: string;
  /** `AuthController_login`: the controller class and method that serve it (the version suffix dropped). */
  handler: string;
  requestSchema?: Schema;
}

export const MUTATING_METHODS = ['post', 'put', 'patch', 'delete'] as const;
const HTTP_METHODS = ['get', 'head', 'options', ...MUTATING_METHODS];

export async function openApiDocument(sut: TestApp): Promise<OpenApiDocument> {
  return (await request(sut.url).get('/api/docs-json').expect(200)).body as OpenApiDocument;
}

/** Every documented operation, with the handler behind it (the default operationId is `Controller_method_v1`). */
export function operationsOf(document: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [path, byMethod] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(byMethod)) {
      if (!HTTP_METHODS.includes(method)) continue;
      const body = operation.requestBody?.content ?? {};
      operations.push({
        key: `${method} ${path}`,
        method,
        path,
        handler: operation.operationId.replace(/_v\d+$/, ''),
        requestSchema: (body['application/json'] ?? Object.values(body)[0])?.schema,
      });
    }
  }
  return operations;
}

export function mutatingOperationsOf(document: OpenApiDocument): Operation[] {
  return operationsOf(document).filter((o) => (MUTATING_METHODS as readonly string[]).includes(o.method));
}

/** The property names of a request schema, nested ones as `parent.child`, with references resolved. */
export function propertyPaths(document: OpenApiDocument, schema: Schema | undefined, prefix = '', seen = new Set<string>()): string[] {
  if (!schema) return [];
  if (schema.$ref) {
    if (seen.has(schema.$ref)) return [];
    const name = schema.$ref.replace('#/components/schemas/', '');
    return propertyPaths(document, document.components?.schemas?.[name], prefix, new Set([...seen, schema.$ref]));
  }
  const nested = [...(schema.allOf ?? []), ...(schema.oneOf ?? []), ...(schema.anyOf ?? []), ...(schema.items ? [schema.items] : [])];
  return [
    ...Object.entries(schema.properties ?? {}).flatMap(([name, property]) => [`${prefix}${name}`, ...propertyPaths(document, property, `${prefix}${name}.`, seen)]),
    ...nested.flatMap((s) => propertyPaths(document, s, prefix, seen)),
  ];
}

export interface RouteHandler {
  controller: new (...args: never[]) => unknown;
  handler: (...args: unknown[]) => unknown;
  /** `AuthController_login`, as in the OpenAPI operationId. */
  name: string;
  method: RequestMethod;
}

/** Every route handler of the application's controllers, found through Nest's discovery (the app must import DiscoveryModule). */
export function routeHandlers(sut: TestApp): RouteHandler[] {
  const handlers: RouteHandler[] = [];
  for (const wrapper of sut.app.get(DiscoveryService).getControllers()) {
    const controller = wrapper.metatype as RouteHandler['controller'] | null;
    if (!controller) continue;
    for (const name of Object.getOwnPropertyNames(controller.prototype)) {
      const handler = (controller.prototype as Record<string, unknown>)[name];
      if (name === 'constructor' || typeof handler !== 'function' || !Reflect.hasMetadata('path', handler)) continue;
      handlers.push({ controller, handler: handler as RouteHandler['handler'], name: `${controller.name}_${name}`, method: Reflect.getMetadata('method', handler) as RequestMethod });
    }
  }
  return handlers;
}

export const MUTATING_REQUEST_METHODS: readonly RequestMethod[] = [RequestMethod.POST, RequestMethod.PUT, RequestMethod.PATCH, RequestMethod.DELETE];
