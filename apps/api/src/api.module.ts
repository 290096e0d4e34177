import { DynamicModule, Module } from '@nestjs/common';
import { CoreModule, CoreModuleOptions } from '@buurtcoop/core';
import { API_MODULES } from '@buurtcoop/platform';

@Module({})
export class ApiModule {
  static forRoot(options: CoreModuleOptions): DynamicModule {
    return { module: ApiModule, imports: [CoreModule.forRoot(options), ...API_MODULES] };
  }
}
