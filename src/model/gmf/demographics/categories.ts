/** The demographic categories of the original generator (DESIGN.md section 1). */
export type Gender = 'M' | 'F';
export type Ethnicity = 'WC' | 'EA' | 'BA';
export const GENDERS: readonly Gender[] = ['M', 'F'];
export const ETHNICITIES: readonly Ethnicity[] = ['WC', 'EA', 'BA'];
