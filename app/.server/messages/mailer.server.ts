/**
 * The mailer: sends the email outbox through SMTP (SMTP_URL) and marks each
 * row sent, or counts the failed attempt and keeps its error.
 *
 * Several app servers may run it on one database. Each email is claimed with
 * `SELECT … FOR UPDATE SKIP LOCKED` in its own short transaction that also
 * records the outcome: while one server holds a row, the others skip it, and
 * once it commits the row is sent (or counted as an attempt). So two servers
 * never send one email twice. If a server dies between the SMTP server's
 * acceptance and the commit, the row is sent again later: delivery is at
 * least once, and never twice while the servers are up.
 *
 * On PGlite (one connection) the per-email transaction holds the database for
 * the length of one SMTP exchange, so the transport's timeouts are short.
 */
import nodemailer from "nodemailer";
import { and, asc, desc, eq, gt, isNull, lt } from "drizzle-orm";
import { getDb, type Executor } from "#db/client";
import { emailOutbox, type EmailRow } from "#db/schema";
import { getEnv } from "~/.server/platform/env.server";
import { log } from "~/.server/platform/logger.server";

/** What the mailer needs of a transport (a nodemailer Transporter has it). */
export interface MailTransport {
  sendMail(mail: { from: string; to: string; subject: string; text: string; headers?: Record<string, string> }): Promise<unknown>;
}

export interface SendOptions {
  from: string;
  /** Most emails one run sends. */
  batch?: number;
  /** A row is given up after this many failed attempts (it stays in the outbox with its last error). */
  maxAttempts?: number;
  now?: () => Date;
}

export interface SendReport {
  sent: number[];
  failed: number[];
}

export const MAX_ATTEMPTS = 5;

/** Send unsent emails, oldest first, each claimed and marked in its own transaction. */
export async function sendPendingEmails(db: Executor, transport: MailTransport, options: SendOptions): Promise<SendReport> {
  const batch = options.batch ?? 50;
  const maxAttempts = options.maxAttempts ?? MAX_ATTEMPTS;
  const now = options.now ?? (() => new Date());
  const report: SendReport = { sent: [], failed: [] };
  // A cursor over ids: a row that failed in this run is not retried until the next run.
  let after = 0;
  while (report.sent.length + report.failed.length < batch) {
    const outcome = await db.transaction(async (tx) => {
      const [row] = await tx
        .select()
        .from(emailOutbox)
        .where(and(isNull(emailOutbox.sentAt), lt(emailOutbox.attempts, maxAttempts), gt(emailOutbox.id, after)))
        .orderBy(asc(emailOutbox.id))
        .limit(1)
        .for("update", { skipLocked: true });
      if (!row) return null;
      try {
        await transport.sendMail({ from: options.from, to: row.toAddress, subject: row.subject, text: row.body, ...(row.headers ? { headers: row.headers } : {}) });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        await tx
          .update(emailOutbox)
          .set({ attempts: row.attempts + 1, lastError: message.slice(0, 1000) })
          .where(eq(emailOutbox.id, row.id));
        return { id: row.id, sent: false };
      }
      await tx
        .update(emailOutbox)
        .set({ sentAt: now(), attempts: row.attempts + 1, lastError: null })
        .where(eq(emailOutbox.id, row.id));
      return { id: row.id, sent: true };
    });
    if (!outcome) break;
    after = outcome.id;
    (outcome.sent ? report.sent : report.failed).push(outcome.id);
  }
  return report;
}

/** The outbox, newest first (the development page, and admins in production). */
export async function listOutbox(db: Executor, options: { limit?: number } = {}): Promise<EmailRow[]> {
  return db
    .select()
    .from(emailOutbox)
    .orderBy(desc(emailOutbox.id))
    .limit(Math.min(options.limit ?? 100, 500));
}

/** An SMTP transport for SMTP_URL, with timeouts short enough not to hold a claimed row for long. */
export function smtpTransport(url: string): MailTransport {
  return nodemailer.createTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 });
}

export interface MailerHandle {
  stop(): Promise<void>;
}

/**
 * Send the outbox every `intervalMs` while the process runs, when SMTP_URL is
 * set (null otherwise: mail stays in the outbox). Runs never overlap.
 */
export function startMailer(options: { intervalMs?: number; transport?: MailTransport } = {}): MailerHandle | null {
  const env = getEnv();
  if (!env.SMTP_URL && !options.transport) return null;
  // Vite's dev server re-evaluates modules on change: one mailer per process.
  const holder = globalThis as { [MAILER_KEY]?: MailerHandle };
  if (holder[MAILER_KEY]) return holder[MAILER_KEY];
  const transport = options.transport ?? smtpTransport(env.SMTP_URL!);
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return;
    running = (async () => {
      try {
        const report = await sendPendingEmails(await getDb(), transport, { from: env.MAIL_FROM });
        if (report.sent.length || report.failed.length) log.info("mailer run", { sent: report.sent.length, failed: report.failed.length });
      } catch (error) {
        log.error("mailer run failed", { error });
      } finally {
        running = null;
      }
    })();
  };
  const timer = setInterval(tick, options.intervalMs ?? 15_000);
  timer.unref();
  tick();
  log.info("mailer started", { intervalMs: options.intervalMs ?? 15_000 });
  const handle: MailerHandle = {
    async stop() {
      clearInterval(timer);
      await running;
      if (holder[MAILER_KEY] === handle) delete holder[MAILER_KEY];
    },
  };
  holder[MAILER_KEY] = handle;
  return handle;
}

const MAILER_KEY = Symbol.for("atelier.mailer");
