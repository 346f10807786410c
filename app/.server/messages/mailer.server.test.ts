/**
 * The mailer against a real database (PGlite, or PostgreSQL with
 * TEST_DATABASE_URL) and nodemailer's own JSON transport: unsent rows are
 * sent once and marked, failures are counted with their error and retried in
 * a later run up to a limit, and two mailers running at once (two app
 * servers) never send one email twice.
 */
import nodemailer from "nodemailer";
import { inArray } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { emailOutbox } from "#db/schema";
import { createTestDb, type TestDb } from "#db/test-db";
import { listOutbox, sendPendingEmails, type MailTransport } from "./mailer.server";

let t: TestDb;

beforeAll(async () => {
  t = await createTestDb();
});

afterAll(async () => {
  await t?.close();
});

beforeEach(async () => {
  await t.db.delete(emailOutbox);
});

const FROM = "Atelier <no-reply@atelier.test>";

/** nodemailer's JSON transport (it builds the real message), recording what it was asked to send. */
function recordingTransport(options: { failFor?: string; delayMs?: number } = {}) {
  const json = nodemailer.createTransport({ jsonTransport: true });
  const sent: { to: string; subject: string; message: string }[] = [];
  const transport: MailTransport = {
    async sendMail(mail) {
      if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
      if (mail.to === options.failFor) throw new Error("550 mailbox unavailable");
      const info = await json.sendMail(mail);
      sent.push({ to: mail.to, subject: mail.subject, message: String(info.message) });
    },
  };
  return { transport, sent };
}

async function enqueue(n: number, prefix = "to") {
  const rows = await t.db
    .insert(emailOutbox)
    .values(Array.from({ length: n }, (_, i) => ({ toAddress: `${prefix}${i}@example.test`, subject: `Subject ${i}`, body: `Body ${i}` })))
    .returning({ id: emailOutbox.id });
  return rows.map((r) => r.id);
}

describe("sendPendingEmails", () => {
  it("sends a row's extra headers (List-Unsubscribe on news) with the message, and none where the row has none", async () => {
    const unsubscribe = "<https://atelier.example.com/unsubscribe/TOKEN>";
    await t.db.insert(emailOutbox).values([
      { toAddress: "news@example.test", subject: "News", body: "Body", headers: { "List-Unsubscribe": unsubscribe, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" } },
      { toAddress: "order@example.test", subject: "Order", body: "Body" },
    ]);
    const { transport, sent } = recordingTransport();
    await sendPendingEmails(t.db, transport, { from: FROM });
    const news = JSON.parse(sent.find((s) => s.to === "news@example.test")!.message) as { headers?: Record<string, string> };
    expect(news.headers).toMatchObject({ "List-Unsubscribe": unsubscribe, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" });
    const order = JSON.parse(sent.find((s) => s.to === "order@example.test")!.message) as { headers?: Record<string, string> };
    expect(JSON.stringify(order.headers ?? {})).not.toMatch(/unsubscribe/i);
  });

  it("sends each unsent email once and marks it sent", async () => {
    const ids = await enqueue(3);
    const { transport, sent } = recordingTransport();
    const report = await sendPendingEmails(t.db, transport, { from: FROM });
    expect(report).toEqual({ sent: ids, failed: [] });
    expect(sent.map((s) => s.to)).toEqual(["to0@example.test", "to1@example.test", "to2@example.test"]);
    const message = JSON.parse(sent[0]!.message) as { subject: string; text: string; from: { address: string } };
    expect(message).toMatchObject({ subject: "Subject 0", text: "Body 0", from: { address: "no-reply@atelier.test" } });
    const rows = await t.db.select().from(emailOutbox).where(inArray(emailOutbox.id, ids));
    for (const row of rows) expect(row).toMatchObject({ attempts: 1, lastError: null, sentAt: expect.any(Date) });

    const again = await sendPendingEmails(t.db, transport, { from: FROM });
    expect(again).toEqual({ sent: [], failed: [] });
    expect(sent).toHaveLength(3);
  });

  it("counts a failed attempt with its error, retries it in a later run, and gives up after the limit", async () => {
    const [ok, bad] = await enqueue(2);
    const { transport, sent } = recordingTransport({ failFor: "to1@example.test" });
    expect(await sendPendingEmails(t.db, transport, { from: FROM, maxAttempts: 2 })).toEqual({ sent: [ok], failed: [bad] });
    const [row] = await t.db.select().from(emailOutbox).where(inArray(emailOutbox.id, [bad!]));
    expect(row).toMatchObject({ sentAt: null, attempts: 1, lastError: "550 mailbox unavailable" });

    expect(await sendPendingEmails(t.db, transport, { from: FROM, maxAttempts: 2 })).toEqual({ sent: [], failed: [bad] });
    // Two attempts made: the row stays in the outbox, not tried again.
    expect(await sendPendingEmails(t.db, transport, { from: FROM, maxAttempts: 2 })).toEqual({ sent: [], failed: [] });
    expect(sent.map((s) => s.to)).toEqual(["to0@example.test"]);
    const listed = await listOutbox(t.db);
    expect(listed.find((r) => r.id === bad)).toMatchObject({ attempts: 2, sentAt: null });
  });

  it("respects the batch size", async () => {
    await enqueue(5);
    const { transport, sent } = recordingTransport();
    expect((await sendPendingEmails(t.db, transport, { from: FROM, batch: 2 })).sent).toHaveLength(2);
    expect((await sendPendingEmails(t.db, transport, { from: FROM, batch: 10 })).sent).toHaveLength(3);
    expect(sent).toHaveLength(5);
  });

  it("never sends one email twice when two mailers run at once", async () => {
    const ids = await enqueue(12, "both");
    const a = recordingTransport({ delayMs: 15 });
    const b = recordingTransport({ delayMs: 15 });
    const [ra, rb] = await Promise.all([
      sendPendingEmails(t.db, a.transport, { from: FROM }),
      sendPendingEmails(t.db, b.transport, { from: FROM }),
    ]);
    const all = [...ra.sent, ...rb.sent].sort((x, y) => x - y);
    expect(all).toEqual(ids);
    expect(a.sent.length + b.sent.length).toBe(12);
    const addresses = [...a.sent, ...b.sent].map((s) => s.to);
    expect(new Set(addresses).size).toBe(12);
    if (t.driver === "postgres") {
      // With real connections both mailers got work: the rows were shared out, not serialized.
      expect(ra.sent.length).toBeGreaterThan(0);
      expect(rb.sent.length).toBeGreaterThan(0);
    }
    const rows = await t.db.select().from(emailOutbox).where(inArray(emailOutbox.id, ids));
    for (const row of rows) expect(row.attempts).toBe(1);
  });
});
