/**
 * How a form page answers what it refuses: a 4xx with messages per field
 * ("" is the form's own), the machine code and the English message alongside
 * for tests and the API-minded. A repository's refusal gets there through
 * the page's wording: a message key per code, a form field per input path.
 * Pages whose forms are conform's answer with `conformRefusalReply`: the
 * submission's own reply, the message on the form, the refusal's status.
 */
import { data } from "@remix-run/node";
import type { Refusal } from "~/domain/result";

export interface FormReply {
  status: "error";
  /** Problem code (machine-readable) and the English message, for tests and the API-minded. */
  code?: string;
  message?: string;
  error: Record<string, string[]>;
}

/** A form reply with messages per field ("" is the form's own), answered with `status`. */
export function reply(status: number, error: Record<string, string[]>, extra: { code?: string; message?: string } = {}) {
  return data({ status: "error" as const, ...extra, error } satisfies FormReply, { status });
}

/** How a page words refusals: a message key per code (else the English message), a form field per input path (else the form's own). */
export interface RefusalWording {
  messages: Readonly<Record<string, string>>;
  fields: Readonly<Record<string, string>>;
}

/** A repository's refusal as the page's answer: its status, its message key on its field. */
export function refusalReply(problem: Refusal, wording: RefusalWording) {
  const key = wording.messages[problem.code] ?? problem.message;
  const field = (problem.path && wording.fields[problem.path]) ?? "";
  return reply(problem.status, { [field]: [key] }, { code: problem.code, message: problem.message });
}

/**
 * A repository's refusal on a conform page: `{ result, ...alongside }` with
 * the submission's reply carrying `message` (a key) as the form's error,
 * answered with the refusal's status.
 */
export function conformRefusalReply<Result, Alongside extends object>(
  submission: { reply(options: { formErrors: string[] }): Result },
  problem: Refusal,
  message: string,
  alongside: Alongside,
) {
  return data({ result: submission.reply({ formErrors: [message] }), ...alongside }, { status: problem.status });
}
