/** The shared client plan across services and organisations, and its AVAIN-structured outcome. */
export * from './codes';
export * from './sharedPlan';
export * from './planVisibility';
export * from './avain';
export * from './settings';
