import { DynamicModule, Module } from '@nestjs/common';
import { CoreModule, CoreModuleOptions, DemoModule, HttpPlatformModule, MaintenanceModule } from '@buurtcoop/core';

@Module({})
export class ApiModule {
  static forRoot(options: CoreModuleOptions): DynamicModule {
    return {
      module: ApiModule,
      imports: [CoreModule.forRoot(options), HttpPlatformModule, MaintenanceModule, DemoModule],
    };
  }
}
