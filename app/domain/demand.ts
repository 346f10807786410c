/**
 * What the demand chart draws, decided apart from drawing it: module demand
 * grouped into a few series a planner can tell apart, and what is left over.
 *
 * Stacking every module made one grey "56 other modules" bar that said
 * nothing (issue 12): an order needs one of most modules, so no few of them
 * stand out. Modules are grouped by family instead — the code's prefix
 * (`PNT-T9T9` and `PNT-A2A2` are paints, `WHL-…` wheels) — or, when the
 * planner picks a family, that family's modules each on their own: one paint
 * per car, so the stack is cars per day, comparable with the line's capacity.
 * The largest groups get a colour each; the rest is drawn only if it is no
 * larger than the largest group drawn, so "others" never dominates the chart
 * (the table beside it always has every number).
 */

/** One module's demand per period (in the order of the chart's periods). */
export interface ModuleDemandSeries {
  module: string;
  values: number[];
}

/** A group the chart draws in its own colour: a family, or one module of the picked family. */
export interface DemandGroup {
  key: string;
  /** The modules in it. */
  modules: string[];
  values: number[];
  total: number;
}

export interface DemandChartData {
  groups: DemandGroup[];
  /** What the drawn groups leave out (null when nothing is); `drawn` says whether the chart stacks it as "others". */
  rest: (DemandGroup & { groups: number; drawn: boolean }) | null;
  /** Every family with demand in the range, largest first: what the planner can pick. */
  families: { family: string; modules: number; total: number }[];
}

/** Most groups drawn in a colour of their own (the palette's size). */
export const MAX_DEMAND_GROUPS = 8;

/** A module's family: its code up to the first "-" (the whole code when there is none). */
export function moduleFamily(code: string): string {
  const dash = code.indexOf("-");
  return dash > 0 ? code.slice(0, dash) : code;
}

function byTotal(a: DemandGroup, b: DemandGroup): number {
  return b.total - a.total || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

function grouped(modules: ModuleDemandSeries[], keyOf: (module: string) => string, periods: number): DemandGroup[] {
  const groups = new Map<string, DemandGroup>();
  for (const m of modules) {
    const key = keyOf(m.module);
    const group = groups.get(key) ?? { key, modules: [], values: Array.from({ length: periods }, () => 0), total: 0 };
    group.modules.push(m.module);
    m.values.forEach((v, i) => (group.values[i]! += v));
    group.total += m.values.reduce((a, b) => a + b, 0);
    groups.set(key, group);
  }
  return [...groups.values()].sort(byTotal);
}

/**
 * The chart's series: by family, or the modules of `family` when one is
 * picked; at most `max` groups, the rest summed and drawn only when it is no
 * larger than the largest group drawn.
 */
export function demandChartData(modules: ModuleDemandSeries[], options: { family?: string; max?: number } = {}): DemandChartData {
  const periods = Math.max(0, ...modules.map((m) => m.values.length));
  const max = Math.max(1, Math.min(options.max ?? MAX_DEMAND_GROUPS, MAX_DEMAND_GROUPS));
  const families = grouped(modules, moduleFamily, periods).map((g) => ({ family: g.key, modules: g.modules.length, total: g.total }));
  const all = options.family
    ? grouped(
        modules.filter((m) => moduleFamily(m.module) === options.family),
        (module) => module,
        periods,
      )
    : grouped(modules, moduleFamily, periods);
  const groups = all.slice(0, max);
  const left = all.slice(max);
  if (left.length === 0) return { groups, rest: null, families };
  const rest = grouped(
    left.flatMap((g) => g.modules.map((module) => ({ module, values: modules.find((m) => m.module === module)!.values }))),
    () => "",
    periods,
  )[0]!;
  return { groups, rest: { ...rest, groups: left.length, drawn: rest.total <= (groups[0]?.total ?? 0) }, families };
}
