/**
 * How a form page answers what it refuses: a 4xx with messages per field
 * ("" is the form's own), the machine code and the English message alongside
 * for tests and the API-minded. A repository's refusal gets there through
 * the page's wording: a message key per code, a form field per input path.
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
