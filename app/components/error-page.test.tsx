import { renderToString } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { StaticRouter } from "react-router-dom/server";
import { describe, expect, it } from "vitest";
import { getI18n } from "~/i18n";
import en from "~/locales/en.json";
import zh from "~/locales/zh.json";
import { ErrorPage } from "./error-page";

/** A thrown Response as Remix hands it to an error boundary. */
const routeError = (status: number) => ({ status, statusText: "", internal: false, data: null });

function render(error: unknown, language: "en" | "zh" = "en") {
  return renderToString(
    <I18nextProvider i18n={getI18n(language)}>
      <StaticRouter location="/">
        <ErrorPage error={error} />
      </StaticRouter>
    </I18nextProvider>,
  );
}

describe("ErrorPage", () => {
  it("never shows an error's message or stack", () => {
    const error = new Error("password=hunter2 at db/client.ts:42");
    const html = render(error);
    expect(html).toContain(en.errors.server.title);
    expect(html).not.toContain("hunter2");
    expect(html).not.toContain("client.ts");
    expect(html).not.toContain(error.stack?.split("\n")[1]?.trim() ?? "never");
  });

  it.each([
    [404, en.errors.notFound.title],
    [403, en.errors.forbidden.title],
    [401, en.errors.unauthorized.title],
    [429, en.errors.tooManyRequests.title],
    [400, en.errors.badRequest.title],
    [502, en.errors.server.title],
  ])("shows %i as its own page", (status, title) => {
    const html = render(routeError(status));
    expect(html).toContain(title);
    expect(html).toContain(`data-status="${status}"`);
  });

  it("is translated", () => {
    expect(render(routeError(403), "zh")).toContain(zh.errors.forbidden.title);
  });
});
