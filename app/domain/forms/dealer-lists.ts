/**
 * The dealership's lists as input (URL search params of GET forms): its
 * quotes (search, status, validity, sort, page) on /dealer and its orders
 * (status, sort, page) on /dealer/orders. Shape and bounds only; which
 * quotes and orders a dealer sees is the repository's query.
 *
 * An empty field ("status=") means "no filter". Messages are i18n keys.
 */
import { z } from "zod";
import { ORDER_STATUSES } from "../orders";
import { FORM_MESSAGES, SINGLE_LINE } from "./auth";
import { SORT_DIRECTIONS, type SortDirection } from "./planning";

const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const optional = <T extends z.ZodTypeAny>(schema: T) => z.preprocess(blankToUndefined, schema.optional());
const oneOf = <T extends readonly [string, ...string[]]>(values: T, message: string) => z.enum(values, { errorMap: () => ({ message }) });

/**
 * Where a quote stands, by its newest version, first that holds: it became
 * an order; it is signed; its discount was rejected; its discount waits for a
 * sales manager; it was handed to the customer; else it is a draft.
 */
export const QUOTE_STATUSES = ["draft", "pending", "rejected", "sent", "signed", "ordered"] as const;
export type QuoteStatus = (typeof QUOTE_STATUSES)[number];

/** Still valid today, or past its validity date. */
export const QUOTE_VALIDITIES = ["valid", "expired"] as const;
export type QuoteValidity = (typeof QUOTE_VALIDITIES)[number];

export const QUOTE_SORTS = ["updated", "number", "customer", "total", "validUntil"] as const;
export type QuoteSort = (typeof QUOTE_SORTS)[number];
/** Most recently changed, newest numbers and largest totals first; names A to Z; soonest validity first. */
export const QUOTE_SORT_DIRECTION: Record<QuoteSort, SortDirection> = { updated: "desc", number: "desc", customer: "asc", total: "desc", validUntil: "asc" };

export const DEALER_ORDER_SORTS = ["ordered", "number", "customer", "total", "build", "status"] as const;
export type DealerOrderSort = (typeof DEALER_ORDER_SORTS)[number];
export const DEALER_ORDER_SORT_DIRECTION: Record<DealerOrderSort, SortDirection> = { ordered: "desc", number: "desc", customer: "asc", total: "desc", build: "asc", status: "asc" };

/** Rows per page of the dealers' lists. */
export const DEALER_PAGE_SIZE = 25;
const MAX_PAGE = 10_000;

const page = z.preprocess(
  blankToUndefined,
  z.coerce.number({ invalid_type_error: "dealerLists.problems.page" }).int("dealerLists.problems.page").min(1, "dealerLists.problems.page").max(MAX_PAGE, "dealerLists.problems.page").default(1),
);
const dir = optional(oneOf(SORT_DIRECTIONS, "dealerLists.problems.sort"));
/** A list's sort key, `byDefault` when none is given. */
const sortOf = <T extends readonly [string, ...string[]]>(sorts: T, byDefault: T[number]) => z.preprocess(blankToUndefined, oneOf(sorts, "dealerLists.problems.sort").default(byDefault));
/** Without a direction, a list runs the way its sort key reads best (`directions`). */
const withSortDirection =
  <S extends string>(directions: Record<S, SortDirection>) =>
  <P extends { sort: S; dir?: SortDirection }>(p: P) => ({ ...p, dir: p.dir ?? directions[p.sort] });

/** /dealer: the dealership's quotes. `q` finds a quote number, or a customer's name or email. */
export const quoteListParamsSchema = z
  .object({
    q: z.preprocess(blankToUndefined, z.string().trim().max(100, FORM_MESSAGES.tooLong).regex(SINGLE_LINE, FORM_MESSAGES.invalid).default("")),
    status: optional(oneOf(QUOTE_STATUSES, "dealerLists.problems.status")),
    validity: optional(oneOf(QUOTE_VALIDITIES, "dealerLists.problems.validity")),
    sort: sortOf(QUOTE_SORTS, "updated"),
    dir,
    page,
  })
  .transform(withSortDirection(QUOTE_SORT_DIRECTION));
export type QuoteListParams = z.infer<typeof quoteListParamsSchema>;

/** /dealer/orders: the dealership's orders. */
export const dealerOrderListParamsSchema = z
  .object({
    status: optional(oneOf(ORDER_STATUSES, "dealerLists.problems.status")),
    sort: sortOf(DEALER_ORDER_SORTS, "ordered"),
    dir,
    page,
  })
  .transform(withSortDirection(DEALER_ORDER_SORT_DIRECTION));
export type DealerOrderListParams = z.infer<typeof dealerOrderListParamsSchema>;

/** The list's address with some parameters changed (undefined or "" drops one; a changed filter goes back to page 1). */
export function listHref(path: string, current: Record<string, string | number | undefined>, change: Record<string, string | number | undefined>): string {
  const merged: Record<string, string | number | undefined> = { ...current, ...("page" in change ? {} : { page: undefined }), ...change };
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(merged)) if (value !== undefined && value !== "" && !(key === "page" && value === 1)) search.set(key, String(value));
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}

/** listHref for one list, at its path and current parameters: the address with `change` made. */
export function listLinks<P extends Record<string, string | number | undefined>>(path: string, params: P): (change: Partial<Record<keyof P, string | number | undefined>>) => string {
  return (change) => listHref(path, params, change);
}
