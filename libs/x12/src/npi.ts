// NPI check digit: Luhn over the 9-digit base prefixed with the 80840 health-industry issuer id.

/** True when `npi` is 10 digits and its check digit is valid. */
export function validateNpi(npi: string): boolean {
  if (!/^\d{10}$/.test(npi)) return false;
  const digits = '80840' + npi.slice(0, 9);
  let sum = 0;
  // Luhn: double every second digit from the right of the payload (the check digit is excluded).
  for (let i = digits.length - 1, dbl = true; i >= 0; i--, dbl = !dbl) {
    let d = digits.charCodeAt(i) - 48;
    if (dbl) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  const check = (10 - (sum % 10)) % 10;
  return check === npi.charCodeAt(9) - 48;
}
