/**
 * How the admins' pages answer bad input: a zod failure becomes 400 with a
 * message key per field; a repository's refusal its own status with the
 * message key for its code on its field (form-reply.server.ts).
 */
import type { z } from "zod";
import type { Refusal } from "~/domain/result";
import { refusalReply, reply, type RefusalWording } from "~/.server/platform/form-reply.server";
import { readFormData } from "~/utils/form-data.server";

export const ADMIN_WORDING: RefusalWording = {
  messages: {
    "email-taken": "people.errors.emailTaken",
    "unknown-user": "people.errors.unknownUser",
    "unknown-dealership": "people.errors.unknownDealership",
    "last-admin": "people.errors.lastAdmin",
    "customer-role": "people.errors.customerRole",
    "already-deactivated": "people.errors.alreadyDeactivated",
    "not-deactivated": "people.errors.notDeactivated",
    deactivated: "people.errors.deactivated",
    "code-taken": "people.errors.codeTaken",
    "not-dealership-staff": "people.errors.notDealershipStaff",
    "already-member": "people.errors.alreadyMember",
    "not-a-member": "people.errors.notAMember",
    "last-membership": "people.errors.lastMembership",
  },
  fields: { email: "email", userId: "userId", dealershipId: "dealershipId", code: "code", role: "role" },
};

/** The posted form as an object of its first values (text only; a file counts as missing). */
export async function postedFields(request: Request): Promise<Record<string, string>> {
  const form = await readFormData(request);
  const out: Record<string, string> = {};
  for (const [key, value] of form) if (!(key in out) && typeof value === "string") out[key] = value;
  return out;
}

/** 400 with each issue's message key on its field ("" for the form's own). */
export function invalidReply(error: z.ZodError) {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "");
    (fields[field] ??= []).push(issue.message);
  }
  return reply(400, fields, { code: "invalid-input", message: "some fields are missing or not valid" });
}

export const adminRefusal = (problem: Refusal) => refusalReply(problem, ADMIN_WORDING);

export const unknownIntent = () => reply(400, { intent: ["validation.invalid"] }, { code: "unknown-intent", message: "unknown action" });
