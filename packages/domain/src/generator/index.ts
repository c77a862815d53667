/** The pure parts of the synthetic region generator (`npm run generate`, decision 029). */
export * from './random';
export * from './ageStructure';
export * from './seasonality';
export * from './contactChoices';
