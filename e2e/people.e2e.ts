/**
 * The admins' people and places: the admin invites a planner on /admin/users,
 * reads the invitation's one-time link in the outbox, and the invited person
 * (another browser context) opens it, sets a password and lands on their
 * home; later they sign in with it, and the used link says it has expired.
 * The dealerships and audit pages render, the audit log shows the invitation.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { LOCALES, done, heading, hydrated, launchBrowser, newPage, screenshot, signIn } from "./support";

const en = LOCALES.en;
const EMAIL = `invited.${Date.now()}@example.test`;
const PASSWORD = "invited-planner-1";

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

describe("people", () => {
  it("invite → set password → sign in", async () => {
    const admin = await newPage(browser);
    await signIn(admin.page, "admin@atelier.test");
    await admin.page.waitForURL("**/admin");
    await admin.page.getByRole("navigation", { name: en.nav.label }).getByRole("link", { name: en.people.nav.users, exact: true }).click();
    await heading(admin.page, en.people.users.title);
    await hydrated(admin.page);
    await admin.page.locator("#invite-name").fill("Ivy Invited");
    await admin.page.locator("#invite-email").fill(EMAIL);
    await admin.page.locator("#invite-role").selectOption("planner");
    await admin.page.getByRole("button", { name: en.people.users.invite, exact: true }).click();
    await admin.page.getByRole("status").filter({ hasText: en.people.users.done.invite }).waitFor();
    await screenshot(admin.page, "admin-users-en");

    await admin.page.goto("/dev/outbox");
    const body = await admin.page.getByTestId("outbox").locator("li", { hasText: EMAIL }).first().locator(".outbox-body").textContent();
    const link = /https?:\/\/\S+\/set-password\/[A-Za-z0-9_-]{43}/.exec(body ?? "")?.[0];
    assert.ok(link, `no link in ${body}`);
    const path = new URL(link).pathname;

    const invited = await newPage(browser);
    await invited.page.goto(path);
    await heading(invited.page, en.people.setPassword.title);
    await hydrated(invited.page);
    await invited.page.getByLabel(en.people.setPassword.password, { exact: true }).fill(PASSWORD);
    await invited.page.getByLabel(en.people.setPassword.confirm, { exact: true }).fill(PASSWORD);
    await screenshot(invited.page, "set-password-en");
    await invited.page.getByRole("button", { name: en.people.setPassword.submit, exact: true }).click();
    await invited.page.waitForURL("**/planning");
    await done(invited.context);

    const later = await newPage(browser);
    await signIn(later.page, EMAIL, PASSWORD);
    await later.page.waitForURL("**/planning");
    const again = await later.page.goto(path);
    assert.equal(again?.status(), 410);
    await heading(later.page, en.people.setPassword.goneTitle);
    await done(later.context);

    await admin.page.goto("/admin/dealerships");
    await heading(admin.page, en.people.dealerships.title);
    await admin.page.getByRole("link", { name: "Atelier München", exact: true }).click();
    await admin.page.getByTestId("members").waitFor();
    await screenshot(admin.page, "admin-dealership-en");
    await admin.page.goto("/admin/audit?action=user.invite");
    await heading(admin.page, en.people.audit.title);
    assert.match(await admin.page.getByTestId("audit").innerText(), /user\.invite/);
    await screenshot(admin.page, "admin-audit-en");
    await done(admin.context);
  });
});
