import { DemoModule, HttpPlatformModule, MaintenanceModule } from '@buurtcoop/core';

/** The modules the API serves; `apps/api` and the e2e test factory mount exactly these. */
export const API_MODULES = [HttpPlatformModule, MaintenanceModule, DemoModule];
