export * from './schema';
export * from './obligations.module';
export * from './obligation-types';
export * from './obligation-source';
export * from './engine/obligations-engine';
export * from './obligations.service';
export { ParticipationService } from './participation/participation.service';
export { ParticipationSource } from './participation/participation.source';
