import { describe, expect, it } from "vitest";
import { customerLeadSchema, leadListSchema, sendToDealerHref, visitorLeadSchema } from "./forms/leads";
import { parseConfigureSearch } from "./forms/configuration";
import { LEAD_LIMITS, leadStatusRefusal } from "./leads";

describe("lead statuses", () => {
  it("a quoted lead stays quoted; a closed one isn't reopened as contacted but may be closed again", () => {
    expect(leadStatusRefusal("new", "contacted")).toBeNull();
    expect(leadStatusRefusal("new", "closed")).toBeNull();
    expect(leadStatusRefusal("contacted", "closed")).toBeNull();
    expect(leadStatusRefusal("quoted", "closed")).toBe("already-quoted");
    expect(leadStatusRefusal("quoted", "contacted")).toBe("already-quoted");
    expect(leadStatusRefusal("closed", "contacted")).toBe("already-closed");
    expect(leadStatusRefusal("closed", "closed")).toBeNull();
  });
});

describe("the send-to-a-dealer form", () => {
  it("takes a visitor's contact, lower-cases the email and keeps line breaks in the message", () => {
    const parsed = visitorLeadSchema.parse({ dealership: "MUC-01", name: " Vera ", email: "Vera@Example.TEST", message: "Hello\r\nSaturday?" });
    expect(parsed).toEqual({ dealership: "MUC-01", name: "Vera", email: "vera@example.test", message: "Hello\nSaturday?", preferredContact: "email" });
  });

  it("refuses a malformed email, a message over the limit, control characters and 'call me' without a number", () => {
    const base = { dealership: "MUC-01", name: "Vera", email: "vera@example.test" };
    const issues = (input: Record<string, unknown>) => visitorLeadSchema.safeParse(input).error?.issues.map((i) => `${i.path.join(".")}:${i.message}`);
    expect(issues({ ...base, email: "vera@" })).toEqual(["email:validation.email"]);
    expect(issues({ ...base, message: "x".repeat(LEAD_LIMITS.messageLength + 1) })).toEqual(["message:validation.tooLong"]);
    expect(issues({ ...base, message: "a\u0000b" })).toEqual(["message:validation.invalid"]);
    expect(issues({ ...base, preferredContact: "phone" })).toEqual(["phone:leads.errors.phoneNeeded"]);
    expect(issues({ ...base, preferredContact: "phone", phone: "+49 89 1234567" })).toBeUndefined();
    // A customer's account says who they are: no name or email asked.
    expect(customerLeadSchema.safeParse({ dealership: "MUC-01" }).success).toBe(true);
  });

  it("reads the inbox's status filter (empty is every status)", () => {
    expect(leadListSchema.parse({ status: "" })).toEqual({ status: undefined });
    expect(leadListSchema.parse({ status: "new" })).toEqual({ status: "new" });
    expect(leadListSchema.safeParse({ status: "spam" }).success).toBe(false);
  });

  it("addresses the page for a share code, a saved configuration, or a configuration the configurator reads back", () => {
    expect(sendToDealerHref({ share: "ABCD2345" })).toBe("/send-to-dealer?share=ABCD2345");
    expect(sendToDealerHref({ configuration: "c0ffee00-0000-4000-8000-000000000000" })).toBe("/send-to-dealer?configuration=c0ffee00-0000-4000-8000-000000000000");
    const href = sendToDealerHref({ line: "sedan-a6l", choices: ["LB0", "40F"], texts: { plate: "M-AT 1", empty: "" } });
    const search = new URL(href, "http://localhost").searchParams;
    expect(search.get("line")).toBe("sedan-a6l");
    expect(parseConfigureSearch(search)).toEqual({ choices: ["LB0", "40F"], texts: { plate: "M-AT 1" } });
  });
});
