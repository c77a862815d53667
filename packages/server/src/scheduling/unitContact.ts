import type { Appointment, ContactPoint, Location, Organization } from '@medplum/fhirtypes';
import type { ResourceStore } from '../storage/resourceStore';

export interface UnitContact {
  /** `Location/<id>` of the visit's unit. */
  location?: string;
  name?: string;
  phone?: string;
  /** Street address in one line, for calendar files. */
  address?: string;
}

const phoneOf = (telecom: ContactPoint[] | undefined) =>
  (telecom ?? []).filter((t) => t.system === 'phone' && t.value).sort((a, b) => (a.rank ?? 99) - (b.rank ?? 99))[0]?.value;

/**
 * The unit of a visit and how to reach it: the Appointment's Location, its phone, or failing
 * that the phone of the Organization that runs the Location. Read outside any transaction.
 */
export async function unitContact(store: ResourceStore, appointment: Appointment): Promise<UnitContact> {
  const ref = appointment.participant.find((p) => p.actor?.reference?.startsWith('Location/'))?.actor;
  if (!ref?.reference) return {};
  const location = await store.readOptional<Location>('Location', ref.reference.slice('Location/'.length));
  const address = location?.address ? [location.address.line?.join(' '), [location.address.postalCode, location.address.city].filter(Boolean).join(' ')].filter(Boolean).join(', ') : undefined;
  let phone = phoneOf(location?.telecom);
  const org = location?.managingOrganization?.reference;
  if (!phone && org?.startsWith('Organization/')) {
    phone = phoneOf((await store.readOptional<Organization>('Organization', org.slice('Organization/'.length)))?.telecom);
  }
  return { location: ref.reference, name: location?.name ?? ref.display, ...(phone ? { phone } : {}), ...(address ? { address } : {}) };
}
