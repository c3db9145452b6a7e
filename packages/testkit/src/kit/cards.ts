/** Card-number checks the simulated banks share. */

/** Luhn check of a card number (12 to 19 digits), as iyzico's "12 Kart numarası geçersizdir" and Parolapay's invalid_card_number imply. */
export function luhnValid(cardNumber: string): boolean {
  if (!/^\d{12,19}$/.test(cardNumber)) return false;
  let sum = 0;
  for (let i = 0; i < cardNumber.length; i++) {
    let digit = Number(cardNumber[cardNumber.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}
