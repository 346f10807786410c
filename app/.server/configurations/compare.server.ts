/**
 * The comparison page's data: the customer's own saved configurations (any
 * other id is "not found"), each priced in the market, with its delivery
 * estimate and picture, and the feature-by-feature rows.
 */
import type { AuthUser } from "~/.server/auth/auth.server";
import { getLine } from "~/.server/catalog/catalog.server";
import { deliveryEstimate } from "~/.server/planning/delivery.server";
import { localize, type Language, type Market } from "~/domain/catalog";
import { compareConfigurations, type ComparisonRow } from "~/domain/configuration-compare";
import { visualKeysOf } from "~/domain/configuration-view";
import { price } from "~/domain/engine";
import { configureHref } from "~/domain/forms/configuration";
import { fail, ok, type Result } from "~/domain/result";
import type { Executor } from "#db/client";
import { getConfiguration } from "./configurations.server";

export interface ComparedView {
  id: string;
  name: string;
  lineName: string;
  /** The product line's code, for its picture. */
  lineCode: string;
  model: string;
  visualKeys: string[];
  total: number;
  buildDay: string | null;
  deliveryDay: string | null;
  openUrl: string;
}

export interface Comparison {
  items: ComparedView[];
  rows: ComparisonRow[];
}

export async function compareSaved(db: Executor, user: AuthUser, ids: readonly string[], market: Market, language: Language): Promise<Result<Comparison, "not-found">> {
  const loaded = [];
  for (const id of ids) {
    const saved = await getConfiguration(db, user.id, id);
    const line = saved ? await getLine(saved.line, saved.version, { db }) : null;
    if (!saved || !line) return fail({ status: 404, code: "not-found", message: "No such saved configuration.", path: "id" });
    loaded.push({ saved, line: line.line });
  }
  const items = await Promise.all(
    loaded.map(async ({ saved, line }) => {
      const estimate = await deliveryEstimate(db, { line, choices: saved.choices, tier: user.tier });
      return {
        id: saved.id,
        name: saved.name,
        lineName: localize(line.name, language),
        lineCode: line.code,
        model: line.visualModel ?? line.code,
        visualKeys: visualKeysOf(line, saved.choices),
        total: price(line, saved.choices, saved.texts, market).total,
        buildDay: estimate.buildDay,
        deliveryDay: estimate.deliveryDay,
        openUrl: configureHref(saved.line, saved.choices, saved.texts),
      };
    }),
  );
  const rows = compareConfigurations(
    loaded.map(({ saved, line }) => ({ line, choices: saved.choices, texts: saved.texts })),
    language,
  );
  return ok({ items, rows });
}
