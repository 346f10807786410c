/**
 * What the two customer-file pages share (/dealer/customers/<id> for a
 * dealership's staff, /customers/<id> for the maker's): the page's view of
 * the file with the reader's affordances, and the action that adds a note or
 * overrides the tier. The affordances and the checks ask the same table.
 */
import { parseWithZod } from "@conform-to/zod";
import { data } from "@remix-run/node";
import type { Executor } from "#db/client";
import { customerFileActionSchema } from "~/domain/forms/customer-file";
import { can } from "~/domain/permissions";
import { refusalReply, type RefusalWording } from "~/.server/platform/form-reply.server";
import { readFormData } from "~/utils/form-data.server";
import { addNote, openCustomerFile, reachesCustomer, type FileReader } from "./customer-file.server";
import { overrideTier } from "./tiers.server";

const WORDING: RefusalWording = {
  fields: { tier: "tier", reason: "reason", body: "body" },
  messages: { "reason-required": "customers.errors.reasonRequired", "same-tier": "customers.errors.sameTier" },
};

/** The file for the page (null: the reader doesn't reach this customer), with what the reader may do on it. Logs the opening. */
export async function customerFilePage(db: Executor, reader: FileReader, customerId: string) {
  const file = await openCustomerFile(db, reader, customerId);
  if (!file) return null;
  return { file: withIsoDates(file), canNote: can(reader, "customer-file.note"), canOverride: can(reader, "tier.override") };
}

/** A value with its dates as ISO strings, as the pages format them (the components don't depend on how loaders serialise). */
type IsoDates<T> = T extends Date ? string : T extends (infer U)[] ? IsoDates<U>[] : T extends object ? { [K in keyof T]: IsoDates<T[K]> } : T;

function withIsoDates<T>(value: T): IsoDates<T> {
  return JSON.parse(JSON.stringify(value)) as IsoDates<T>;
}

/**
 * A note or a tier override on the file. Bad input → 400 on its field;
 * without the permission → 403; a customer the reader doesn't reach → the
 * `notReached` response the page uses (403 for dealers, 404 for the maker's
 * staff), thrown.
 */
export async function customerFileAction(request: Request, db: Executor, reader: FileReader, customerId: string, notReached: () => Response) {
  const submission = parseWithZod(await readFormData(request), { schema: customerFileActionSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { value } = submission;
  const permission = value.intent === "note" ? "customer-file.note" : "tier.override";
  if (!can(reader, permission)) throw Response.json({ error: "forbidden", message: `You need ${permission}.` }, { status: 403 });
  if (value.intent === "note") {
    const added = await addNote(db, reader, customerId, value.body);
    if (!added.ok) throw notReached();
    return data({ status: "success" as const, saved: "note" as const });
  }
  // A sales manager overrides only the tier of a customer of their own dealership.
  if (!(await reachesCustomer(db, reader, customerId))) throw notReached();
  const result = await overrideTier(db, reader, customerId, { to: value.tier, reason: value.reason });
  if (!result.ok) {
    if (result.problem.status === 404) throw notReached();
    return refusalReply(result.problem, WORDING);
  }
  return data({ status: "success" as const, saved: "tier" as const });
}
