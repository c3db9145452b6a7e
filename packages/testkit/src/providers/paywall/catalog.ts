/**
 * Canned card data for Paywall's BIN inquiry and installment list. Plausible, not authoritative:
 * common Turkish BINs with the field names of the SDK's BinResponse / InstallmentResponse.
 */

export interface PaywallCard {
  bin: string;
  CardBank: string;
  CardBrand: string;
  CardFamily: string;
  CardKind: string;
  CardType: string;
}

const CARDS: readonly PaywallCard[] = [
  { bin: "402277", CardBank: "Yapı ve Kredi Bankası", CardBrand: "Visa", CardFamily: "World", CardKind: "Individual", CardType: "Credit" },
  { bin: "554960", CardBank: "Garanti BBVA", CardBrand: "MasterCard", CardFamily: "Bonus", CardKind: "Individual", CardType: "Credit" },
  { bin: "552879", CardBank: "Halkbank", CardBrand: "MasterCard", CardFamily: "Paraf", CardKind: "Individual", CardType: "Credit" },
  { bin: "418342", CardBank: "Türkiye İş Bankası", CardBrand: "Visa", CardFamily: "Maximum", CardKind: "Individual", CardType: "Credit" },
  { bin: "435508", CardBank: "Akbank", CardBrand: "Visa", CardFamily: "Axess", CardKind: "Commercial", CardType: "Credit" },
  { bin: "979209", CardBank: "Halkbank", CardBrand: "Troy", CardFamily: "Paraf", CardKind: "Individual", CardType: "Debit" },
];

/** The card for a 6- or 8-digit BIN; an unknown BIN gets a generic card of its scheme. */
export function lookupBin(binNumber: string): PaywallCard {
  const bin = binNumber.slice(0, 6);
  const known = CARDS.find((c) => c.bin === bin);
  if (known) return known;
  const CardBrand = bin.startsWith("4") ? "Visa" : bin.startsWith("9") ? "Troy" : bin.startsWith("3") ? "Amex" : "MasterCard";
  return { bin, CardBank: "Garanti BBVA", CardBrand, CardFamily: "Bonus", CardKind: "Individual", CardType: "Credit" };
}

/** Installment counts offered and the total interest in basis points (a debit card gets only 1). */
export const INSTALLMENT_PLANS: readonly { installment: number; basisPoints: number }[] = [
  { installment: 1, basisPoints: 0 },
  { installment: 2, basisPoints: 250 },
  { installment: 3, basisPoints: 380 },
  { installment: 6, basisPoints: 720 },
  { installment: 9, basisPoints: 1_050 },
];

/** The commission rate the merchant pays per installment count, in basis points. */
export const COMMISSION_BASIS_POINTS = 179;
