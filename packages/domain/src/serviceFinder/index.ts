/** The service finder: the catalogue's FHIR terms, the search query, ranking, opening hours, service cards and client paths. */
export * from './catalogueTerms';
export * from './serviceQuery';
export * from './serviceRanking';
export * from './serviceOpening';
export * from './serviceCard';
export * from './clientPaths';
export * from './defaultClientPaths';
