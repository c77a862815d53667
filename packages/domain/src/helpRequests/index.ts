/** The help button: call-back requests without logging in. */
export * from './finnishPhone';
export * from './helpRequest';
