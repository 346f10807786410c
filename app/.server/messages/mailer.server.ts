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
 *
 * A row with `html` goes as multipart/alternative (the text body first). A
 * row with `picture` (an order email's configured product, decision 050) gets
 * it drawn by the server's rasteriser and attached as an inline `cid:` image
 * the HTML shows: no remote image for a mail client to block, and no need for
 * the app to be reachable when the mail is read. The picture is drawn before
 * the row is claimed, so the claim's transaction does not wait on it. A
 * picture that can't be drawn counts as a failed attempt (the worker may be
 * busy); on the last attempt the email goes as text only, which links the
 * picture.
 */
import nodemailer from "nodemailer";
import { and, asc, desc, eq, gt, isNull, lt } from "drizzle-orm";
import { getDb, type Executor } from "#db/client";
import { emailOutbox, type EmailPicture, type EmailRow } from "#db/schema";
import { getProductPicture } from "~/.server/picture/picture.server";
import { getEnv } from "~/.server/platform/env.server";
import { log } from "~/.server/platform/logger.server";

/** One message as nodemailer takes it. */
export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
  headers?: Record<string, string>;
  /** Inline images the HTML refers to by `cid:` (nodemailer puts them in multipart/related beside the HTML). */
  attachments?: { filename: string; cid: string; content: Buffer; contentType: string }[];
}

/** What the mailer needs of a transport (a nodemailer Transporter has it). */
export interface MailTransport {
  sendMail(mail: OutgoingMail): Promise<unknown>;
}

/** Draws an email's picture as PNG bytes. */
export type PictureDrawer = (picture: EmailPicture) => Promise<Uint8Array>;

/** The server's rasteriser and its cache (decision 050): the front view at the row's width. */
export const drawEmailPicture: PictureDrawer = async (picture) =>
  (await getProductPicture({ model: picture.model, keys: picture.keys, view: "front", width: picture.width })).png;

export interface SendOptions {
  from: string;
  /** Most emails one run sends. */
  batch?: number;
  /** A row is given up after this many failed attempts (it stays in the outbox with its last error). */
  maxAttempts?: number;
  now?: () => Date;
  /** Draws the rows' pictures (default: drawEmailPicture). */
  drawPicture?: PictureDrawer;
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
  const drawPicture = options.drawPicture ?? drawEmailPicture;
  const drawn = async (picture: EmailPicture): Promise<Uint8Array | Error> => {
    try {
      return await drawPicture(picture);
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
    }
  };
  const pending = (after: number) => and(isNull(emailOutbox.sentAt), lt(emailOutbox.attempts, maxAttempts), gt(emailOutbox.id, after));
  // A cursor over ids: a row that failed in this run is not retried until the next run.
  let after = 0;
  while (report.sent.length + report.failed.length < batch) {
    // The next row's picture, drawn before the claim so its transaction doesn't hold the database meanwhile.
    // (Another mailer may claim that row first: then the row claimed below draws its own.)
    const [next] = await db.select({ id: emailOutbox.id, picture: emailOutbox.picture }).from(emailOutbox).where(pending(after)).orderBy(asc(emailOutbox.id)).limit(1);
    if (!next) break;
    const early = next.picture ? { id: next.id, png: await drawn(next.picture) } : null;
    const outcome = await db.transaction(async (tx) => {
      const [row] = await tx.select().from(emailOutbox).where(pending(after)).orderBy(asc(emailOutbox.id)).limit(1).for("update", { skipLocked: true });
      if (!row) return null;
      const fail = async (message: string) => {
        await tx
          .update(emailOutbox)
          .set({ attempts: row.attempts + 1, lastError: message.slice(0, 1000) })
          .where(eq(emailOutbox.id, row.id));
        return { id: row.id, sent: false };
      };
      const mail: OutgoingMail = { from: options.from, to: row.toAddress, subject: row.subject, text: row.body, ...(row.headers ? { headers: row.headers } : {}) };
      if (row.html) {
        const png = row.picture ? (early?.id === row.id ? early.png : await drawn(row.picture)) : null;
        if (png instanceof Error) {
          // Tried again later; the last attempt sends the text, which links the picture.
          if (row.attempts + 1 < maxAttempts) return fail(`picture not drawn: ${png.message}`);
        } else {
          mail.html = row.html;
          if (png && row.picture)
            mail.attachments = [{ filename: "configuration.png", cid: row.picture.cid, content: Buffer.from(png.buffer, png.byteOffset, png.byteLength), contentType: "image/png" }];
        }
      }
      try {
        await transport.sendMail(mail);
      } catch (error) {
        return fail(error instanceof Error ? error.message : String(error));
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
