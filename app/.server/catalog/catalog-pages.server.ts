/**
 * What the admins' catalog pages send to the browser: versions with plain
 * dates, and the names a report needs in the reader's language (values,
 * features, rules, slots, modules), so the page speaks in the catalog's own
 * words instead of codes.
 */
import { localize, type Catalog, type Language } from "~/domain/catalog";
import type { VersionRow } from "./versions.server";

export interface VersionView {
  id: string;
  label: string;
  status: VersionRow["status"];
  active: boolean;
  createdAt: string;
  createdBy: string | null;
  basedOn: string | null;
  publishedAt: string | null;
  publishedBy: string | null;
  activatedAt: string | null;
  lines: number;
}

export function versionView(row: VersionRow): VersionView {
  return {
    id: row.id,
    label: row.label,
    status: row.status,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy?.name ?? null,
    basedOn: row.basedOn,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    publishedBy: row.publishedBy?.name ?? null,
    activatedAt: row.activatedAt?.toISOString() ?? null,
    lines: row.lines,
  };
}

export interface LineNames {
  name: string;
  values: Record<string, string>;
  features: Record<string, string>;
  /** Catalog rules: their description, or their id when they have none. */
  rules: Record<string, string>;
}

export interface CatalogNames {
  lines: Record<string, LineNames>;
  slots: Record<string, string>;
  modules: Record<string, string>;
}

export function catalogNames(catalogs: Catalog[], language: Language): CatalogNames {
  const out: CatalogNames = { lines: {}, slots: {}, modules: {} };
  // Later catalogs (the draft) win over earlier ones (the active version) for names both have.
  for (const catalog of catalogs) {
    for (const s of catalog.slots ?? []) out.slots[s.code] = localize(s.name, language);
    for (const m of catalog.modules) out.modules[m.code] = localize(m.name, language);
    for (const line of catalog.productLines) {
      const names: LineNames = out.lines[line.code] ?? { name: "", values: {}, features: {}, rules: {} };
      names.name = localize(line.name, language);
      for (const f of line.features) {
        names.features[f.code] = localize(f.name, language);
        if (f.kind !== "text") for (const v of f.values) names.values[v.code] = localize(v.name, language);
      }
      for (const r of line.rules) names.rules[r.id] = r.description ? localize(r.description, language) : r.id;
      out.lines[line.code] = names;
    }
  }
  return out;
}
