/**
 * The package ships its types only behind `exports` (.d.cts/.d.mts), which this
 * project's `moduleResolution: node` cannot see; these are the few functions used,
 * copied from its own declarations (v4.0.4).
 */
declare module '@persian-tools/persian-tools' {
  export function verifyIranianLegalId(legalId: string | number): boolean | undefined;
  export function isShebaValid(shebaCode: string): boolean;
  export function validateNationalIdChecksum(nationalId: string): boolean;
  export function verifyIranianNationalId(
    nationalId: string | number,
    options?: { checkPrefix?: boolean },
  ): boolean;
  export function isPhoneNumberValid(mobile: string): boolean;
}
