/**
 * Every failure the iyzico simulator answers with. Codes marked `confirmed` and their messages are
 * copied from the header comment of specs/iyzico.yaml (recorded sandbox cassettes, docs, SDK tests).
 * iyzico's codes for the ledger rules (unknown payment, over-refund, already refunded/cancelled,
 * cancel window) were not found in any public source, so the simulator uses its own codes for them;
 * the spec's x-odeme-errors lists them as UNVERIFIED so clients map them to unified codes.
 */
import { failureOf, withDetail, type ProviderFailure } from "../../kit/failure.ts";

export type Locale = "tr" | "en";

interface ErrorEntry {
  code: string;
  tr: string;
  en: string;
  /** From the spec's list of codes found in iyzico sources; false = chosen by the simulator. */
  confirmed: boolean;
}

export const IYZICO_ERRORS = {
  invalidSignature: { code: "1000", tr: "Geçersiz imza", en: "Invalid signature", confirmed: true },
  // The spec found no English text for 1001; iyzico's recorded answer is this Turkish one.
  unknownApiKey: { code: "1001", tr: "api bilgileri bulunamadı", en: "api bilgileri bulunamadı", confirmed: true },
  invalidRequest: { code: "11", tr: "Geçersiz istek", en: "Invalid request", confirmed: true },
  // "<field> gönderilmesi zorunludur": the spec's cassette has "price gönderilmesi zorunludur".
  missingField: { code: "5004", tr: "gönderilmesi zorunludur", en: "is mandatory", confirmed: true },
  invalidCardNumber: { code: "12", tr: "Kart numarası geçersizdir", en: "Invalid card number", confirmed: true },
  basketTotalMismatch: {
    code: "5062",
    tr: "Gönderilen tutar tüm kırılımların toplam tutarına eşit olmalıdır",
    en: "Price must be equal to the sum of basket item prices",
    confirmed: true,
  },
  paymentNotFound: { code: "5083", tr: "Ödeme bulunamadı", en: "Payment not found", confirmed: false },
  transactionNotFound: {
    code: "5084",
    tr: "Ödeme kırılımı bulunamadı",
    en: "Payment transaction not found",
    confirmed: false,
  },
  refundExceeds: {
    code: "5085",
    tr: "İade tutarı, iade edilebilir tutardan büyük olamaz",
    en: "Refund price cannot be greater than the refundable amount",
    confirmed: false,
  },
  alreadyRefunded: {
    code: "5086",
    tr: "Ödemenin tamamı iade edilmiş",
    en: "The payment has already been fully refunded",
    confirmed: false,
  },
  alreadyCancelled: {
    code: "5087",
    tr: "Ödeme daha önce iptal edilmiş",
    en: "The payment has already been cancelled",
    confirmed: false,
  },
  cancelAfterRefund: {
    code: "5088",
    tr: "İadesi yapılmış ödeme iptal edilemez",
    en: "A payment that has been refunded cannot be cancelled",
    confirmed: false,
  },
  cancelWindowClosed: {
    code: "5089",
    tr: "Ödeme yalnızca yapıldığı gün iptal edilebilir, iade yapınız",
    en: "A payment can only be cancelled on the day it was made; refund it instead",
    confirmed: false,
  },
} as const satisfies Record<string, ErrorEntry>;

export type IyzicoErrorKey = keyof typeof IYZICO_ERRORS;

/** A broken rule, thrown by the ledger and turned into a failure envelope (replies.ts). */
export const iyzicoFailure = failureOf(IYZICO_ERRORS);

/** The errorCode and errorMessage iyzico would send for `failure` in `locale`. */
export function describeFailure(failure: ProviderFailure, locale: Locale): { errorCode: string; errorMessage: string } {
  const entry: ErrorEntry = IYZICO_ERRORS[failure.key as IyzicoErrorKey];
  const text = entry[locale];
  const errorMessage = failure.key === "missingField" ? `${failure.detail ?? "field"} ${text}` : withDetail(text, failure.detail, "colon");
  return { errorCode: entry.code, errorMessage };
}
