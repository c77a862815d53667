/**
 * What a resident measures at home, as the Kanta PHR (Omatietovaranto) profiles code it
 * (DOMAIN.md §7.1): LOINC codes, UCUM units, and the range a real measurement can fall in.
 */
export const LOINC = 'http://loinc.org';
export const UCUM = 'http://unitsofmeasure.org';

export const PHR_PROFILES = {
  vitalSigns: 'http://phr.kanta.fi/StructureDefinition/fiphr-sd-vitalsigns',
  bloodPressure: 'http://phr.kanta.fi/StructureDefinition/fiphr-sd-bloodpressure',
  bloodGlucose: 'http://phr.kanta.fi/StructureDefinition/fiphr-sd-bloodglucose',
  bodyWeight: 'http://phr.kanta.fi/StructureDefinition/fiphr-sd-bodyweight',
} as const;

export type MeasurementKind = 'blood-pressure' | 'blood-glucose' | 'weight' | 'pef';
export const MEASUREMENT_KINDS: readonly MeasurementKind[] = ['blood-pressure', 'blood-glucose', 'weight', 'pef'];

/** One number a measurement carries (a blood pressure carries three). */
export type Quantity = 'systolic' | 'diastolic' | 'pulse' | 'glucose' | 'weight' | 'pef';

export interface QuantityDefinition {
  code: string;
  display: string;
  unit: string;
  /** Physically plausible values, inclusive: anything outside is a typing or device error. */
  min: number;
  max: number;
  /** Decimals worth keeping. */
  decimals: number;
}

export const QUANTITIES: Record<Quantity, QuantityDefinition> = {
  systolic: { code: '8480-6', display: 'Systolic blood pressure', unit: 'mm[Hg]', min: 50, max: 300, decimals: 0 },
  diastolic: { code: '8462-4', display: 'Diastolic blood pressure', unit: 'mm[Hg]', min: 20, max: 200, decimals: 0 },
  pulse: { code: '8867-4', display: 'Heart rate', unit: '/min', min: 20, max: 250, decimals: 0 },
  glucose: { code: '15074-8', display: 'Glucose [Moles/volume] in Blood', unit: 'mmol/L', min: 0.5, max: 50, decimals: 1 },
  weight: { code: '29463-7', display: 'Body weight', unit: 'kg', min: 1, max: 400, decimals: 1 },
  pef: { code: '19935-6', display: 'Maximum expiratory gas flow Respiratory system airway by Peak flow meter', unit: 'L/min', min: 30, max: 1000, decimals: 0 },
};

/** Capillary glucose by a home meter (14743-9) is glucose too. */
export const GLUCOSE_CODES = ['15074-8', '14743-9'] as const;

export interface KindDefinition {
  /** The Observation.code (the panel code for blood pressure). */
  code: string;
  display: string;
  profile: string;
  /** The quantities it carries; the first ones are required. */
  quantities: Quantity[];
  required: Quantity[];
}

export const KINDS: Record<MeasurementKind, KindDefinition> = {
  'blood-pressure': { code: '85354-9', display: 'Blood pressure panel with all children optional', profile: PHR_PROFILES.bloodPressure, quantities: ['systolic', 'diastolic', 'pulse'], required: ['systolic', 'diastolic'] },
  'blood-glucose': { code: '15074-8', display: QUANTITIES.glucose.display, profile: PHR_PROFILES.bloodGlucose, quantities: ['glucose'], required: ['glucose'] },
  weight: { code: '29463-7', display: QUANTITIES.weight.display, profile: PHR_PROFILES.bodyWeight, quantities: ['weight'], required: ['weight'] },
  // No dedicated Kanta PHR PEF profile was found: PEF is a code of the vital-signs value set.
  pef: { code: '19935-6', display: QUANTITIES.pef.display, profile: PHR_PROFILES.vitalSigns, quantities: ['pef'], required: ['pef'] },
};

/** The kind an Observation.code names, if it is a home measurement Ovi knows. */
export function kindOfCode(code: string | undefined): MeasurementKind | undefined {
  if (code === '14743-9') return 'blood-glucose';
  return MEASUREMENT_KINDS.find((k) => KINDS[k].code === code);
}

/** The quantity a LOINC code names (a Goal's target.measure). */
export function quantityOfCode(code: string | undefined): Quantity | undefined {
  if (code === '14743-9') return 'glucose';
  return (Object.keys(QUANTITIES) as Quantity[]).find((q) => QUANTITIES[q].code === code);
}

export const kindOfQuantity = (q: Quantity): MeasurementKind => MEASUREMENT_KINDS.find((k) => KINDS[k].quantities.includes(q)) ?? 'blood-pressure';

/** When a measurement was taken in relation to the day, meals and medicine (the resident says). */
export type MeasurementContext = 'fasting' | 'after-meal' | 'before-medication' | 'after-medication' | 'morning' | 'evening';
export const MEASUREMENT_CONTEXTS: readonly MeasurementContext[] = ['fasting', 'after-meal', 'before-medication', 'after-medication', 'morning', 'evening'];
export const isMeasurementContext = (c: unknown): c is MeasurementContext => MEASUREMENT_CONTEXTS.includes(c as MeasurementContext);

/** A home measurement as the domain reasons about it. */
export interface Measurement {
  kind: MeasurementKind;
  /** ISO date-time with an offset. */
  at: string;
  values: Partial<Record<Quantity, number>>;
  contexts: MeasurementContext[];
}
