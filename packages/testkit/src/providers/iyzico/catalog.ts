/**
 * Canned card data for BIN check, installments and payments. Plausible, not authoritative: the
 * spec's examples (554960 Garanti Bonus, 552879 Paraf) plus a few common Turkish BINs.
 */

export interface CardInfo {
  binNumber: string;
  cardType: "CREDIT_CARD" | "DEBIT_CARD";
  cardAssociation: "MASTER_CARD" | "VISA" | "TROY" | "AMERICAN_EXPRESS";
  cardFamily: string;
  bankName: string;
  bankCode: number;
  commercial: 0 | 1;
}

const CARDS: readonly CardInfo[] = [
  {
    binNumber: "554960",
    cardType: "CREDIT_CARD",
    cardAssociation: "MASTER_CARD",
    cardFamily: "Bonus",
    bankName: "Garanti Bankası",
    bankCode: 62,
    commercial: 0,
  },
  {
    binNumber: "552879",
    cardType: "CREDIT_CARD",
    cardAssociation: "MASTER_CARD",
    cardFamily: "Paraf",
    bankName: "Halkbank",
    bankCode: 12,
    commercial: 0,
  },
  {
    binNumber: "540668",
    cardType: "CREDIT_CARD",
    cardAssociation: "MASTER_CARD",
    cardFamily: "World",
    bankName: "Yapı ve Kredi Bankası",
    bankCode: 67,
    commercial: 0,
  },
  {
    binNumber: "418342",
    cardType: "CREDIT_CARD",
    cardAssociation: "VISA",
    cardFamily: "Maximum",
    bankName: "İş Bankası",
    bankCode: 64,
    commercial: 0,
  },
  {
    binNumber: "979209",
    cardType: "DEBIT_CARD",
    cardAssociation: "TROY",
    cardFamily: "Paraf",
    bankName: "Halkbank",
    bankCode: 12,
    commercial: 0,
  },
];

/** The card for a BIN (6 or 8 digits); an unknown BIN gets a generic card of its scheme. */
export function lookupBin(binNumber: string): CardInfo {
  const bin = binNumber.slice(0, 6);
  const known = CARDS.find((c) => c.binNumber === bin);
  if (known) return { ...known, binNumber };
  const cardAssociation = bin.startsWith("4")
    ? "VISA"
    : bin.startsWith("9")
      ? "TROY"
      : bin.startsWith("3")
        ? "AMERICAN_EXPRESS"
        : "MASTER_CARD";
  return {
    binNumber,
    cardType: "CREDIT_CARD",
    cardAssociation,
    cardFamily: "Bonus",
    bankName: "Garanti Bankası",
    bankCode: 62,
    commercial: 0,
  };
}

/** Every canned BIN: installments without a binNumber list them all. */
export function knownBins(): string[] {
  return CARDS.map((c) => c.binNumber);
}

/** Installment counts offered and their total surcharge in basis points (2 -> 2.06%, as in the spec's example). */
export const INSTALLMENT_PLANS: readonly { count: number; basisPoints: number }[] = [
  { count: 1, basisPoints: 0 },
  { count: 2, basisPoints: 206 },
  { count: 3, basisPoints: 365 },
  { count: 6, basisPoints: 700 },
];

/** Sandbox cards that are declined by the "bank", with iyzico's answer (spec header comment). */
export const DECLINED_CARDS: Readonly<Record<string, { errorCode: string; errorMessage: string; errorGroup: string }>> = {
  "4111111111111129": { errorCode: "10051", errorMessage: "Kart limiti yetersiz, yetersiz bakiye", errorGroup: "NOT_SUFFICIENT_FUNDS" },
};
