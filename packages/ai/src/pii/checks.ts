// Check-digit and date rules of Danish identifiers. Pure functions on digit strings.

const digitsOf = (s: string) => [...s].map((c) => c.charCodeAt(0) - 48);

/** The century of a CPR number from its date part and the first serial digit (CPR office rules). */
export function cprCentury(yy: number, firstSerialDigit: number): number {
  if (firstSerialDigit <= 3) return 1900;
  if (firstSerialDigit === 4 || firstSerialDigit === 9) return yy <= 36 ? 2000 : 1900;
  return yy <= 57 ? 2000 : 1800;
}

/** True when DDMMYY plus the serial's first digit is a real calendar date. */
export function isValidCprDate(ten: string): boolean {
  if (!/^\d{10}$/.test(ten)) return false;
  const [d, m, y, s] = [Number(ten.slice(0, 2)), Number(ten.slice(2, 4)), Number(ten.slice(4, 6)), Number(ten[6])];
  if (m < 1 || m > 12 || d < 1) return false;
  const year = cprCentury(y, s) + y;
  const daysInMonth = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return d <= daysInMonth;
}

/** The modulus-11 check of CPR numbers issued before 2007 (later ones may fail it and are still valid). */
export function passesCprModulus11(ten: string): boolean {
  if (!/^\d{10}$/.test(ten)) return false;
  const weights = [4, 3, 2, 7, 6, 5, 4, 3, 2, 1];
  const sum = digitsOf(ten).reduce((acc, digit, i) => acc + digit * (weights[i] ?? 0), 0);
  return sum % 11 === 0;
}

/** The modulus-11 check every CVR number passes. */
export function passesCvrModulus11(eight: string): boolean {
  if (!/^\d{8}$/.test(eight) || eight[0] === '0') return false;
  const weights = [2, 7, 6, 5, 4, 3, 2, 1];
  const sum = digitsOf(eight).reduce((acc, digit, i) => acc + digit * (weights[i] ?? 0), 0);
  return sum % 11 === 0;
}

/** The ISO 13616 mod-97 check of an IBAN (spaces ignored). */
export function passesIbanCheck(iban: string): boolean {
  const compact = iban.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(compact)) return false;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const value = /\d/.test(ch) ? ch : String(ch.charCodeAt(0) - 55);
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}
