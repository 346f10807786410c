// @vitest-environment jsdom
/**
 * The demand chart as drawn: each group its own colour with a legend entry,
 * the rest hatched only when it doesn't dominate (else named, not drawn), and
 * the capacity as a dashed line (issue 12: one grey "56 other modules" bar).
 */
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { withI18n } from "~/components/configurator/configurator.testing";
import { DemandChart } from "./demand-chart";

afterEach(cleanup);

const periods = ["2026-12-07", "2026-12-08"];
const labels = ["Dec 7", "Dec 8"];
const series = [
  { key: "PNT", label: "PNT", values: [6, 4] },
  { key: "WHL", label: "WHL", values: [5, 5] },
];

describe("DemandChart", () => {
  it("gives every group its own colour and legend entry, and draws the capacity line", () => {
    const { container } = render(withI18n(<DemandChart periods={periods} labels={labels} series={series} rest={null} capacity={[12, 12]} />));
    const fills = new Map([...container.querySelectorAll("rect[data-series]")].map((r) => [r.getAttribute("data-series"), r.getAttribute("fill")]));
    expect([...fills.keys()]).toEqual(["PNT", "WHL"]);
    expect(new Set(fills.values()).size).toBe(2);
    expect(screen.getAllByRole("listitem").map((li) => li.textContent)).toEqual(["PNT", "WHL", "Capacity: units the line can build"]);
    expect(screen.getByTestId("capacity-line").getAttribute("d")).toMatch(/^M/);
  });

  it("hatches the rest when it is small, and only names it when it would dwarf the groups", () => {
    const small = render(withI18n(<DemandChart periods={periods} labels={labels} series={series} rest={{ label: "3 other families", values: [1, 2], drawn: true }} />));
    expect(small.container.querySelector('rect[data-series="(rest)"]')!.getAttribute("fill")).toBe("url(#demand-rest)");
    cleanup();
    const big = render(withI18n(<DemandChart periods={periods} labels={labels} series={series} rest={{ label: "34 other families", values: [90, 80], drawn: false }} />));
    expect(big.container.querySelector('rect[data-series="(rest)"]')).toBeNull();
    expect(screen.getByText("34 other families: not drawn, it would dwarf the rest (see the table)")).toBeTruthy();
    // The scale follows what is drawn: the tallest bar (11) fills the chart, not squashed under 90.
    const ticks = [...big.container.querySelectorAll(".demand-chart__tick")].map((t) => t.textContent);
    expect(ticks.slice(0, 4)).toEqual(["0", "5", "10", "15"]);
  });
});
