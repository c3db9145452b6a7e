/**
 * iyzico's card storage as the simulator keeps it: card users (cardUserKey) with their cards
 * (cardToken). Rules from iyzipay's models and docs.iyzico.com card storage: a first card needs the
 * owner's email and creates the card user; later cards name the cardUserKey; a stored card pays with
 * cardUserKey + cardToken in `paymentCard`.
 */
import { iyzicoFailure } from "./errors.ts";

export interface StoredCard {
  cardUserKey: string;
  cardToken: string;
  cardAlias?: string;
  cardHolderName?: string;
  binNumber: string;
  lastFourDigits: string;
  expireMonth: string;
  expireYear: string;
}

interface CardUser {
  cardUserKey: string;
  email?: string;
  externalId?: string;
  cards: StoredCard[];
}

export interface NewCard {
  cardUserKey?: string;
  email?: string;
  externalId?: string;
  cardNumber: string;
  cardAlias?: string;
  cardHolderName?: string;
  expireMonth: string;
  expireYear: string;
}

export class CardVault {
  private readonly users = new Map<string, CardUser>();
  private next = 1;

  store(input: NewCard): { user: Readonly<CardUser>; card: StoredCard } {
    let user = input.cardUserKey === undefined ? undefined : this.users.get(input.cardUserKey);
    if (input.cardUserKey !== undefined && !user) throw iyzicoFailure("invalidRequest", "cardUserKey");
    if (!user) {
      if (input.email === undefined) throw iyzicoFailure("missingField", "email");
      user = {
        cardUserKey: `sim-card-user-${this.next++}`,
        email: input.email,
        ...(input.externalId !== undefined ? { externalId: input.externalId } : {}),
        cards: [],
      };
      this.users.set(user.cardUserKey, user);
    }
    const card: StoredCard = {
      cardUserKey: user.cardUserKey,
      cardToken: `sim-card-token-${this.next++}`,
      ...(input.cardAlias !== undefined ? { cardAlias: input.cardAlias } : {}),
      ...(input.cardHolderName !== undefined ? { cardHolderName: input.cardHolderName } : {}),
      binNumber: input.cardNumber.slice(0, 6),
      lastFourDigits: input.cardNumber.slice(-4),
      expireMonth: input.expireMonth,
      expireYear: input.expireYear,
    };
    user.cards.push(card);
    return { user, card };
  }

  list(cardUserKey: string): readonly StoredCard[] {
    const user = this.users.get(cardUserKey);
    if (!user) throw iyzicoFailure("invalidRequest", "cardUserKey");
    return user.cards;
  }

  find(cardUserKey: string, cardToken: string): StoredCard {
    const card = this.list(cardUserKey).find((c) => c.cardToken === cardToken);
    if (!card) throw iyzicoFailure("invalidRequest", "cardToken");
    return card;
  }

  remove(cardUserKey: string, cardToken: string): void {
    const user = this.users.get(cardUserKey);
    const card = this.find(cardUserKey, cardToken);
    if (user) user.cards = user.cards.filter((c) => c !== card);
  }
}
