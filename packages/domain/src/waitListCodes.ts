/** On a booked Appointment whose client waits for an earlier time (valueBoolean true): what staff see of the wait list. */
export const WAIT_LIST_EXTENSION = 'https://fhir.ovi.fi/StructureDefinition/wait-list';
