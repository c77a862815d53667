export * from './segments';
export * from './questionnaires';
export * from './settings';
export * from './computeSegment';
export * from './highNeed';
export * from './segmentCounts';
