/**
 * Canned data for Parolapay's queries: BINs, installment plans, payment types and the sandbox cards
 * the simulator declines. None of it comes from Parolapay (the responses were not retrievable, see
 * specs/parolapay.yaml); it is plausible Turkish card data shaped to the spec's designed schemas.
 */

export type CardType = "visa" | "mastercard" | "amex" | "troy";

export interface BinInfo {
  bin: string;
  card_type: CardType;
  bank_name: string;
  is_credit: boolean;
}

const BINS: readonly BinInfo[] = [
  // The docs' BIN query example is 52845600.
  { bin: "528456", card_type: "mastercard", bank_name: "Garanti BBVA", is_credit: true },
  { bin: "554960", card_type: "mastercard", bank_name: "Garanti BBVA", is_credit: true },
  { bin: "540668", card_type: "mastercard", bank_name: "Yapı Kredi", is_credit: true },
  { bin: "415565", card_type: "visa", bank_name: "Akbank", is_credit: true },
  { bin: "411111", card_type: "visa", bank_name: "Test Bank", is_credit: true },
  { bin: "979209", card_type: "troy", bank_name: "Halkbank", is_credit: false },
  { bin: "374427", card_type: "amex", bank_name: "Garanti BBVA", is_credit: true },
];

/** The card data for a BIN (6 or 8 digits, or a whole card number); an unknown BIN gets its scheme's generic card. */
export function lookupBin(number: string): BinInfo {
  const bin = number.slice(0, 6);
  const known = BINS.find((b) => b.bin === bin);
  if (known) return { ...known, bin: number.length <= 8 ? number : bin };
  const card_type: CardType = bin.startsWith("4") ? "visa" : bin.startsWith("9") ? "troy" : bin.startsWith("3") ? "amex" : "mastercard";
  return { bin: number.length <= 8 ? number : bin, card_type, bank_name: "Test Bank", is_credit: true };
}

/** Installment counts and their total surcharge in basis points (rate 3.00% -> 300). Debit cards get 1 only. */
export const INSTALLMENT_PLANS: readonly { count: number; basisPoints: number }[] = [
  { count: 1, basisPoints: 0 },
  { count: 2, basisPoints: 300 },
  { count: 3, basisPoints: 450 },
  { count: 6, basisPoints: 800 },
  { count: 9, basisPoints: 1150 },
  { count: 12, basisPoints: 1500 },
];

export interface InstallmentOption {
  installment: number;
  rate: number;
  installment_amount?: number;
  total?: number;
}

/**
 * The installment options for a card and an amount in kuruş. Each installment is rounded half up to
 * the kuruş and the total is that times the count, so `total` is exactly what the card pays.
 */
export function installmentsFor(card: BinInfo, total: number | undefined): InstallmentOption[] {
  const plans = card.is_credit ? INSTALLMENT_PLANS : INSTALLMENT_PLANS.slice(0, 1);
  return plans.map(({ count, basisPoints }) => {
    const option: InstallmentOption = { installment: count, rate: basisPoints / 100 };
    if (total !== undefined) {
      const each = Number((BigInt(total) * BigInt(10_000 + basisPoints) + BigInt(count * 5_000)) / BigInt(count * 10_000));
      option.installment_amount = each;
      option.total = each * count;
    }
    return option;
  });
}

export const PAYMENT_TYPES: readonly { code: string; name: string; enabled: boolean }[] = [
  { code: "card", name: "Kredi / Banka Kartı", enabled: true },
  { code: "card_token", name: "Kayıtlı Kart", enabled: true },
  { code: "parolapara", name: "ParolaPara", enabled: true },
];

/** A card number the "bank" declines (Stripe's generic-decline test number, as the API copies Stripe). */
export const DECLINED_CARD = "4000000000000002";

/** "5284560000001234" -> "528456******1234". */
export function maskCardNumber(cardNumber: string): string {
  return `${cardNumber.slice(0, 6)}${"*".repeat(Math.max(0, cardNumber.length - 10))}${cardNumber.slice(-4)}`;
}
