import { describe, expect, it } from "vitest";
import { configureHref } from "~/domain/forms/configuration";
import { changeOrderHref, checkoutHref } from "./links";

describe("ordering links", () => {
  const href = configureHref("sedan-a6l", ["PQD", "VT7"], { inscription: "FOR ANNA" });

  it("puts checkout under the line and keeps the configuration", () => {
    expect(checkoutHref(href)).toBe("/configure/sedan-a6l/order?c=PQD%2CVT7&t.inscription=FOR+ANNA");
    expect(checkoutHref("/configure/fridge")).toBe("/configure/fridge/order");
  });

  it("sends a change to the order's change page with the same configuration", () => {
    expect(changeOrderHref("AT-0000042", href)).toBe("/orders/AT-0000042/change?c=PQD%2CVT7&t.inscription=FOR+ANNA");
    expect(changeOrderHref("AT-0000042", "/configure/fridge")).toBe("/orders/AT-0000042/change");
  });
});
