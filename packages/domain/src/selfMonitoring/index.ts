/** Home self-monitoring: what residents measure, plausibility, targets, alerts, statistics, CSV import. */
export * from './measures';
export * from './plausibility';
export * from './observation';
export * from './settings';
export * from './targets';
export * from './workItem';
export * from './statistics';
export * from './csvImport';
export * from './dangerBounds';
export * from './summary';
