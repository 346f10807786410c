/**
 * The draft edit page's forms, read into a catalog edit (app/domain/catalog-edit.ts).
 * Every form sends `op`, the `revision` it was opened on and (except the
 * catalog-test forms) the product `line`. Prices are typed as people write
 * them, in the market's major unit ("1250.50" euros, "150000" yen) and
 * stored in minor units; an empty price removes the market's price.
 */
import { MARKETS, MARKET_CODES, type Market } from "../catalog";
import { catalogEditSchema, type CatalogEdit } from "../catalog-edit";

export interface EditFormRefusal {
  /** The form field the message belongs beside. */
  field: string;
  message: string;
}

export type EditFormResult = { ok: true; revision: number; edit: CatalogEdit } | { ok: false; problem: EditFormRefusal };

const refuse = (field: string, message: string): EditFormResult => ({ ok: false, problem: { field, message } });

/** "1250.5" in a market → 125050 minor units; null for an empty amount; a string message when it isn't a price. */
export function parseMajorAmount(raw: string, market: Market): number | null | string {
  const text = raw.trim().replace(/[\s,']/g, "");
  if (text === "") return null;
  if (/^-/.test(text)) return "a price can't be negative";
  const digits = MARKETS[market].minorDigits;
  const match = /^(\d{1,12})(?:\.(\d+))?$/.exec(text);
  if (!match) return "write a price like 1250.50";
  const fraction = match[2] ?? "";
  if (fraction.length > digits) return digits === 0 ? "this currency has no cents" : `at most ${digits} digits after the point`;
  return Number(match[1]) * 10 ** digits + Number(fraction.padEnd(digits, "0") || "0");
}

const str = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === "string" ? v : "";
};

export function parseCatalogEditForm(form: FormData): EditFormResult {
  const revision = Number(str(form, "revision"));
  if (!Number.isSafeInteger(revision) || revision < 1) return refuse("revision", "the form is missing the draft's revision: reload the page");
  const op = str(form, "op");
  const line = str(form, "line");
  let candidate: unknown;
  switch (op) {
    case "price": {
      const market = str(form, "market");
      if (!(MARKET_CODES as string[]).includes(market)) return refuse("market", `unknown market "${market.slice(0, 10)}"`);
      const amount = parseMajorAmount(str(form, "amount"), market as Market);
      if (typeof amount === "string") return refuse("amount", amount);
      candidate = { op, line, target: str(form, "target"), market, amount };
      break;
    }
    case "name":
      candidate = { op, line, target: str(form, "target"), language: str(form, "language"), text: str(form, "text") };
      break;
    case "lead-time": {
      const days = str(form, "days").trim();
      if (!/^-?\d{1,4}$/.test(days)) return refuse("days", "lead time is a whole number of days");
      candidate = { op, line, value: str(form, "value"), days: Number(days) };
      break;
    }
    case "add-value":
      candidate = { op, line, feature: str(form, "feature"), code: str(form, "code"), name: str(form, "name") };
      break;
    case "retire-value":
      candidate = { op, line, value: str(form, "value") };
      break;
    case "add-rule":
      candidate = { op, line, kind: str(form, "kind"), a: str(form, "a"), b: str(form, "b") };
      break;
    case "remove-rule":
      candidate = { op, line, rule: str(form, "rule") };
      break;
    case "add-example": {
      const expect = str(form, "expect");
      const market = str(form, "market");
      let price: { market: string; total: number } | undefined;
      if (str(form, "total").trim() !== "") {
        if (!(MARKET_CODES as string[]).includes(market)) return refuse("market", `unknown market "${market.slice(0, 10)}"`);
        const total = parseMajorAmount(str(form, "total"), market as Market);
        if (typeof total === "string") return refuse("total", total);
        price = { market, total: total! };
      }
      const choices = form.getAll("choices").filter((c): c is string => typeof c === "string" && c !== "");
      candidate = { op, example: { name: str(form, "name"), line, choices, texts: {}, expect, ...(price ? { price } : {}) } };
      break;
    }
    case "remove-example":
      candidate = { op, index: Number(str(form, "index")) };
      break;
    default:
      return refuse("op", "unknown kind of edit");
  }
  const parsed = catalogEditSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    // The form field: the last path segment that names one ("example.name" → "name").
    const field = [...issue.path].reverse().find((p): p is string => typeof p === "string" && p !== "example") ?? "op";
    return refuse(field, issue.message);
  }
  return { ok: true, revision, edit: parsed.data };
}
