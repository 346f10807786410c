import { describe, expect, it } from "vitest";
import { configurationNews, type ConfigurationSide } from "./configuration-news";

const saved = { choices: ["A", "B", "C"], texts: { inscription: "ANNA" } };
const side = (over: Partial<ConfigurationSide> = {}): ConfigurationSide => ({ ...saved, total: 100_000, deliveryDay: "2027-03-01", ...over });

describe("configurationNews", () => {
  it("says nothing when price, buildability and delivery (within a week) stay", () => {
    expect(configurationNews(saved, side(), side())).toBeNull();
    expect(configurationNews(saved, side(), side({ deliveryDay: "2027-03-08" }))).toBeNull();
    expect(configurationNews(saved, side(), side({ deliveryDay: "2027-02-22" }))).toBeNull();
  });

  it("tells a delivery moved by more than seven days, either way", () => {
    expect(configurationNews(saved, side(), side({ deliveryDay: "2027-03-09" }))?.kind).toBe("configuration.delivery");
    expect(configurationNews(saved, side(), side({ deliveryDay: "2027-02-21" }))?.kind).toBe("configuration.delivery");
    expect(configurationNews(saved, side(), side({ deliveryDay: null }))).toBeNull();
  });

  it("tells a price change, and an unbuildable configuration before anything else", () => {
    expect(configurationNews(saved, side(), side({ total: 100_001 }))).toMatchObject({ kind: "configuration.price", priceChanged: true, unbuildable: false });
    const dropped = configurationNews(saved, side(), side({ choices: ["A", "B"], total: 90_000, deliveryDay: "2027-05-01" }));
    expect(dropped).toMatchObject({ kind: "configuration.unbuildable", unbuildable: true, priceChanged: true, deliveryMoved: true });
    expect(configurationNews(saved, side(), side({ texts: {} }))?.kind).toBe("configuration.unbuildable");
    expect(configurationNews(saved, side(), null)?.kind).toBe("configuration.unbuildable");
  });

  it("doesn't repeat that a configuration can't be built, and lets a return to buildable be told by its price", () => {
    const known = side({ choices: ["A", "B"], total: 90_000 });
    expect(configurationNews(saved, known, side({ choices: ["A", "B"], total: 90_000 }))).toBeNull();
    expect(configurationNews(saved, known, side())?.kind).toBe("configuration.price");
  });
});
