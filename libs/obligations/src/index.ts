export * from './schema';
export * from './obligations.module';
export * from './obligation-types';
export * from './obligation-source';
export { ParticipationService } from './participation/participation.service';
export { ParticipationSource, PARTICIPATION_SOURCE_PROVIDER } from './participation/participation.source';
