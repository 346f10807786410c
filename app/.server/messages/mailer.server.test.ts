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
import { emailOutbox, type EmailPicture } from "#db/schema";
import { createTestDb, type TestDb } from "#db/test-db";
import { decode } from "fast-png";
import { getProductPicture } from "~/.server/picture/picture.server";
import { listOutbox, sendPendingEmails, type MailTransport, type OutgoingMail } from "./mailer.server";

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
  const sent: { to: string; subject: string; message: string; mail: OutgoingMail }[] = [];
  const transport: MailTransport = {
    async sendMail(mail) {
      if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
      if (mail.to === options.failFor) throw new Error("550 mailbox unavailable");
      // nodemailer rewrites the attachments it is given (content to base64): keep what the mailer passed.
      const given = { ...mail, ...(mail.attachments ? { attachments: mail.attachments.map((a) => ({ ...a, content: Buffer.from(a.content) })) } : {}) };
      const info = await json.sendMail(mail);
      sent.push({ to: mail.to, subject: mail.subject, message: String(info.message), mail: given });
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
    // Text-only rows stay text only.
    for (const s of sent) expect(s.mail).not.toHaveProperty("html");
    for (const s of sent) expect(s.mail).not.toHaveProperty("attachments");
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

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const CID = "configuration-picture@atelier";
const fridge = (finish: string): EmailPicture => ({ cid: CID, model: "fridge", keys: ["doors:french", `finish:${finish}`, "size:91cm"], width: 320 });
const html = `<!doctype html><html><body><p>Dear Z</p><p><img src="cid:${CID}" alt="Picture"></p></body></html>`;

/** The message as it goes on the wire (nodemailer's stream transport builds the MIME tree). */
async function wire(mail: OutgoingMail): Promise<string> {
  const info = await nodemailer.createTransport({ streamTransport: true, buffer: true }).sendMail(mail);
  return (info.message as Buffer).toString("latin1");
}

describe("HTML emails with the configured product's picture (decision 050)", () => {
  it("sends the HTML beside the text and the picture, drawn by the server's rasteriser, as an inline PNG", async () => {
    const [white, black] = await t.db
      .insert(emailOutbox)
      .values([
        { toAddress: "white@example.test", subject: "White", body: "Text white", html, picture: fridge("snow-white") },
        { toAddress: "black@example.test", subject: "Black", body: "Text black", html, picture: fridge("black-stainless") },
      ])
      .returning({ id: emailOutbox.id });
    const { transport, sent } = recordingTransport();
    expect(await sendPendingEmails(t.db, transport, { from: FROM })).toEqual({ sent: [white!.id, black!.id], failed: [] });

    const pngs = sent.map(({ mail, to }) => {
      expect(mail, to).toMatchObject({ text: to === "white@example.test" ? "Text white" : "Text black", html });
      expect(mail.attachments, to).toHaveLength(1);
      const [picture] = mail.attachments!;
      expect(picture, to).toMatchObject({ cid: CID, contentType: "image/png" });
      expect([...picture!.content.subarray(0, 8)], to).toEqual(PNG_SIGNATURE);
      const png = decode(new Uint8Array(picture!.content));
      expect([png.width, png.height, png.channels], to).toEqual([320, 180, 4]);
      // Drawn, not blank: the product covers a good part of the picture.
      const opaque = Array.from({ length: png.width * png.height }, (_, i) => (png.data as Uint8Array)[i * 4 + 3]!).filter((a) => a === 255).length;
      expect(opaque / (png.width * png.height), to).toBeGreaterThan(0.1);
      return picture!.content;
    });
    // Each email shows its own configuration: another finish, other pixels; the same bytes as the rasteriser's picture of it.
    expect(Buffer.compare(pngs[0]!, pngs[1]!)).not.toBe(0);
    const direct = await getProductPicture({ model: "fridge", keys: fridge("black-stainless").keys, view: "front", width: 320 });
    expect(Buffer.compare(pngs[1]!, Buffer.from(direct.png))).toBe(0);

    // On the wire: multipart/alternative (text, then HTML with its image in multipart/related).
    const raw = await wire(sent[0]!.mail);
    expect(raw).toMatch(/Content-Type: multipart\/alternative/);
    expect(raw).toMatch(/Content-Type: multipart\/related/);
    expect(raw.indexOf("Content-Type: text/plain")).toBeGreaterThan(-1);
    expect(raw.indexOf("Content-Type: text/plain")).toBeLessThan(raw.indexOf("Content-Type: text/html"));
    expect(raw).toMatch(/Content-Type: image\/png/);
    expect(raw).toContain(`Content-ID: <${CID}>`);
    expect(raw).toMatch(/Content-Disposition: inline/);
  }, 60_000);

  it("draws a row's picture once, only for rows that have one, and sends HTML without a picture as it is", async () => {
    await t.db.insert(emailOutbox).values([
      { toAddress: "a@example.test", subject: "A", body: "A", html, picture: fridge("snow-white") },
      { toAddress: "b@example.test", subject: "B", body: "B", html, picture: fridge("stainless-steel") },
      { toAddress: "c@example.test", subject: "C", body: "C" },
      { toAddress: "d@example.test", subject: "D", body: "D", html: "<p>D, a status move: HTML without a picture</p>" },
    ]);
    const drawn: string[] = [];
    const { transport, sent } = recordingTransport();
    const report = await sendPendingEmails(t.db, transport, {
      from: FROM,
      drawPicture: async (p) => {
        drawn.push(p.keys.join(" "));
        return new Uint8Array([...PNG_SIGNATURE, drawn.length]);
      },
    });
    expect(report.sent).toHaveLength(4);
    expect(drawn).toEqual(["doors:french finish:snow-white size:91cm", "doors:french finish:stainless-steel size:91cm"]);
    expect(sent.map((s) => s.mail.attachments?.[0]?.content.at(-1) ?? null)).toEqual([1, 2, null, null]);
    expect(sent.map((s) => s.mail.html ?? null)).toEqual([html, html, null, "<p>D, a status move: HTML without a picture</p>"]);
  });

  it("counts a picture that can't be drawn as a failed attempt, and on the last attempt sends the text alone", async () => {
    const [row] = await t.db
      .insert(emailOutbox)
      .values({ toAddress: "busy@example.test", subject: "Busy", body: "Text with the picture's address", html, picture: fridge("snow-white") })
      .returning({ id: emailOutbox.id });
    const { transport, sent } = recordingTransport();
    const options = { from: FROM, maxAttempts: 2, drawPicture: () => Promise.reject(new Error("too many pictures are being drawn")) };
    expect(await sendPendingEmails(t.db, transport, options)).toEqual({ sent: [], failed: [row!.id] });
    expect(sent).toEqual([]);
    expect((await listOutbox(t.db)).find((r) => r.id === row!.id)).toMatchObject({ attempts: 1, sentAt: null, lastError: "picture not drawn: too many pictures are being drawn" });

    expect(await sendPendingEmails(t.db, transport, options)).toEqual({ sent: [row!.id], failed: [] });
    expect(sent).toHaveLength(1);
    expect(sent[0]!.mail.text).toBe("Text with the picture's address");
    expect(sent[0]!.mail).not.toHaveProperty("html");
    expect(sent[0]!.mail).not.toHaveProperty("attachments");
  });
});
