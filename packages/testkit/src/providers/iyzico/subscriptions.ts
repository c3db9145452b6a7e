/**
 * The subscription catalog of the iyzico simulator: products, their pricing plans and customers,
 * kept so that a retrieve, update, list or delete reads back what a create stored.
 *
 * Rules, from docs.iyzico.com/en/products/subscription/subscription-implementation: a product with
 * a pricing plan cannot be deleted (subscription-product), a plan belongs to one product
 * (payment-plan). iyzico's own error codes for an unknown reference or a product that still has
 * plans were not found in any public source, so those answer the generic invalid request (11)
 * naming the reference, like the simulator's other unconfirmed rules.
 *
 * The answers have the shape of the spec's examples: status, systemTime, the request's
 * conversationId when it sent one, and the payload under `data`.
 */
import type { HandledReply } from "../../server.ts";
import { isObject, type JsonObject } from "../../spec.ts";
import { MoneyFormatError, minorToNumber, parseMinor } from "../../money.ts";
import { istanbulDateTime } from "../../kit/time.ts";
import { iyzicoFailure } from "./errors.ts";

/** The operations this catalog answers (the simulator's stateful list includes them). */
export const IYZICO_SUBSCRIPTION_CATALOG_OPERATIONS = [
  "createSubscriptionProduct",
  "listSubscriptionProducts",
  "retrieveSubscriptionProduct",
  "updateSubscriptionProduct",
  "deleteSubscriptionProduct",
  "createSubscriptionPricingPlan",
  "listSubscriptionPricingPlans",
  "retrieveSubscriptionPricingPlan",
  "updateSubscriptionPricingPlan",
  "deleteSubscriptionPricingPlan",
  "createSubscriptionCustomer",
  "listSubscriptionCustomers",
  "retrieveSubscriptionCustomer",
  "updateSubscriptionCustomer",
  "deleteSubscriptionCustomer",
] as const;

type CatalogOperation = (typeof IYZICO_SUBSCRIPTION_CATALOG_OPERATIONS)[number];
/** The request's body (or query string, for a GET) and its path parameters. */
export type CatalogHandler = (input: JsonObject, path: Readonly<Record<string, string>>) => HandledReply;

interface Product {
  referenceCode: string;
  createdDate: string;
  name: string;
  description?: string;
  status: "ACTIVE";
}

interface Plan {
  referenceCode: string;
  createdDate: string;
  name: string;
  /** Kuruş: answered as iyzico's JSON number. */
  price: number;
  currencyCode: string;
  paymentInterval: string;
  paymentIntervalCount: number;
  trialPeriodDays: number;
  productReferenceCode: string;
  planPaymentType: string;
  status: "ACTIVE";
}

/** The fields a customer create or update sends (lib/requests/model/SubscriptionCustomer.js). */
const CUSTOMER_FIELDS = ["name", "surname", "identityNumber", "email", "gsmNumber", "billingAddress", "shippingAddress"] as const;

export function subscriptionCatalog(now: () => Date): Record<CatalogOperation, CatalogHandler> {
  const products = new Map<string, Product>();
  const plans = new Map<string, Plan>();
  const customers = new Map<string, JsonObject>();
  let sequence = 0;
  const reference = (kind: string) => `sim-${kind}-${String(++sequence).padStart(6, "0")}`;

  const answer = (input: JsonObject, data?: JsonObject): HandledReply => ({
    applied: true,
    body: {
      status: "success",
      systemTime: now().getTime(),
      ...(typeof input.conversationId === "string" ? { conversationId: input.conversationId } : {}),
      ...(data !== undefined ? { data } : {}),
    },
  });

  const found = <T>(map: Map<string, T>, path: Readonly<Record<string, string>>, param: string): T => {
    const value = map.get(path[param] ?? "");
    if (value === undefined) throw iyzicoFailure("invalidRequest", param);
    return value;
  };

  /** `page` and `count` of a list request (Pagination: page, count; iyzico pages from 1). */
  const page = <T>(input: JsonObject, all: T[], show: (item: T) => JsonObject): JsonObject => {
    const count = Math.max(1, Number(input.count ?? 10) || 10);
    const current = Math.max(1, Number(input.page ?? 1) || 1);
    return {
      items: all.slice((current - 1) * count, current * count).map(show),
      totalCount: all.length,
      currentPage: current,
      pageCount: Math.ceil(all.length / count),
    };
  };

  const planData = (plan: Plan): JsonObject => ({ ...plan, price: minorToNumber(plan.price) });
  const productData = (product: Product): JsonObject => ({
    ...product,
    pricingPlans: [...plans.values()].filter((p) => p.productReferenceCode === product.referenceCode).map(planData),
  });

  const price = (input: JsonObject): number => {
    try {
      const minor = parseMinor(String(input.price));
      if (minor > 0) return minor;
    } catch (error) {
      if (!(error instanceof MoneyFormatError)) throw error;
    }
    throw iyzicoFailure("invalidRequest", "price");
  };

  const customerFields = (input: JsonObject): JsonObject =>
    Object.fromEntries(
      CUSTOMER_FIELDS.filter((k) => input[k] !== undefined).map((k) => [k, isObject(input[k]) ? structuredClone(input[k]) : input[k]]),
    ) as JsonObject;

  return {
    createSubscriptionProduct(input) {
      const product: Product = {
        referenceCode: reference("product"),
        createdDate: istanbulDateTime(now()),
        name: String(input.name),
        ...(typeof input.description === "string" ? { description: input.description } : {}),
        status: "ACTIVE",
      };
      products.set(product.referenceCode, product);
      return answer(input, productData(product));
    },
    listSubscriptionProducts: (input) => answer(input, page(input, [...products.values()], productData)),
    retrieveSubscriptionProduct: (input, path) => answer(input, productData(found(products, path, "productReferenceCode"))),
    updateSubscriptionProduct(input, path) {
      const product = found(products, path, "productReferenceCode");
      product.name = String(input.name);
      if (typeof input.description === "string") product.description = input.description;
      else delete product.description;
      return answer(input, productData(product));
    },
    deleteSubscriptionProduct(input, path) {
      const product = found(products, path, "productReferenceCode");
      if ([...plans.values()].some((p) => p.productReferenceCode === product.referenceCode))
        throw iyzicoFailure("invalidRequest", "productReferenceCode has pricing plans");
      products.delete(product.referenceCode);
      return answer(input);
    },

    createSubscriptionPricingPlan(input, path) {
      const product = found(products, path, "productReferenceCode");
      const plan: Plan = {
        referenceCode: reference("plan"),
        createdDate: istanbulDateTime(now()),
        name: String(input.name),
        price: price(input),
        currencyCode: String(input.currencyCode),
        paymentInterval: String(input.paymentInterval),
        paymentIntervalCount: typeof input.paymentIntervalCount === "number" ? input.paymentIntervalCount : 1,
        trialPeriodDays: typeof input.trialPeriodDays === "number" ? input.trialPeriodDays : 0,
        productReferenceCode: product.referenceCode,
        planPaymentType: String(input.planPaymentType),
        status: "ACTIVE",
      };
      plans.set(plan.referenceCode, plan);
      return answer(input, planData(plan));
    },
    listSubscriptionPricingPlans(input, path) {
      const product = found(products, path, "productReferenceCode");
      return answer(
        input,
        page(
          input,
          [...plans.values()].filter((p) => p.productReferenceCode === product.referenceCode),
          planData,
        ),
      );
    },
    retrieveSubscriptionPricingPlan: (input, path) => answer(input, planData(found(plans, path, "pricingPlanReferenceCode"))),
    updateSubscriptionPricingPlan(input, path) {
      // Only the name and the trial period change (UpdateSubscriptionPricingPlanRequest).
      const plan = found(plans, path, "pricingPlanReferenceCode");
      plan.name = String(input.name);
      if (typeof input.trialPeriodDays === "number") plan.trialPeriodDays = input.trialPeriodDays;
      return answer(input, planData(plan));
    },
    deleteSubscriptionPricingPlan(input, path) {
      plans.delete(found(plans, path, "pricingPlanReferenceCode").referenceCode);
      return answer(input);
    },

    createSubscriptionCustomer(input) {
      const customer: JsonObject = {
        referenceCode: reference("customer"),
        createdDate: istanbulDateTime(now()),
        status: "ACTIVE",
        ...customerFields(input),
      };
      customers.set(customer.referenceCode as string, customer);
      return answer(input, customer);
    },
    listSubscriptionCustomers: (input) =>
      answer(
        input,
        page(input, [...customers.values()], (c) => c),
      ),
    retrieveSubscriptionCustomer: (input, path) => answer(input, found(customers, path, "customerReferenceCode")),
    updateSubscriptionCustomer(input, path) {
      const customer = found(customers, path, "customerReferenceCode");
      Object.assign(customer, customerFields(input));
      return answer(input, customer);
    },
    deleteSubscriptionCustomer(input, path) {
      customers.delete(found(customers, path, "customerReferenceCode").referenceCode as string);
      return answer(input);
    },
  };
}
