/** Dealership staff: dealers and sales managers share the dealer's home and navigation. */
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { launchBrowser, roleHomeJourney, done } from "./support";

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

describe("dealership staff", () => {
  it("a dealer signs in to /dealer, in English and Chinese", async () => {
    const { context } = await roleHomeJourney(browser, {
      name: "dealer",
      email: "dealer@atelier.test",
      home: "/dealer",
      nav: ["dealer"],
      title: (l) => l.dealer.title,
      language: "zh",
    });
    await done(context);
  });

  it("a sales manager signs in to /dealer, in English and Korean", async () => {
    const { context } = await roleHomeJourney(browser, {
      name: "manager",
      email: "manager@atelier.test",
      home: "/dealer",
      nav: ["dealer"],
      title: (l) => l.dealer.title,
      language: "ko",
    });
    await done(context);
  });

  it("a dealer of another dealership signs in to /dealer, in English and Japanese", async () => {
    const { context } = await roleHomeJourney(browser, {
      name: "dealer2",
      email: "dealer2@atelier.test",
      home: "/dealer",
      nav: ["dealer"],
      title: (l) => l.dealer.title,
      language: "ja",
    });
    await done(context);
  });
});
