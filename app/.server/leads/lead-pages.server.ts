/**
 * What the "send to a dealer" page and the dealers' lead pages share: which
 * configuration the page's address names (and whether it exists), who is
 * sending, and the views the pages render (names in the reader's language).
 */
import type { Db, Executor } from "#db/client";
import { getUser, type AuthUser } from "~/.server/auth/auth.server";
import { getLine } from "~/.server/catalog/catalog.server";
import { getConfiguration, getSharedConfiguration } from "~/.server/configurations/configurations.server";
import { localize, type Language } from "~/domain/catalog";
import { groupConfiguration, type ConfigurationGroup } from "~/domain/configuration-view";
import { formatShareCode, parseConfigureSearch } from "~/domain/forms/configuration";
import { can } from "~/domain/permissions";
import type { LeadSource } from "./leads.server";

const problem = (status: number, message: string) => Response.json({ error: status === 404 ? "not-found" : "bad-request", message }, { status });

/**
 * The sender: a customer (their account), or a visitor (null). Staff don't
 * send leads — they work them — so a signed-in staff account gets 403.
 */
export async function leadSender(request: Request): Promise<AuthUser | null> {
  const user = await getUser(request);
  if (user && !can(user, "lead.send")) throw Response.json({ error: "forbidden", message: "Staff accounts don't send configurations to dealerships." }, { status: 403 });
  return user;
}

/**
 * The configuration the address names: `?share=<code>`, `?configuration=<id>`
 * (one of the signed-in customer's saved ones) or `?line=<line>&c=…&t.<field>=…`
 * (the configurator's review). Thrown 400 when none is named, 404 when it
 * doesn't exist or isn't the sender's.
 */
export function leadSourceFrom(url: URL, sender: AuthUser | null): LeadSource {
  const search = url.searchParams;
  const share = search.get("share");
  if (share !== null) return { share };
  const configurationId = search.get("configuration");
  if (configurationId !== null) {
    // Someone else's (or a visitor's guess at a) saved configuration answers like a missing one.
    if (!sender) throw problem(404, "No saved configuration of yours has this id.");
    return { configurationId, ownerId: sender.id };
  }
  const line = search.get("line");
  if (line !== null) return { line, ...parseConfigureSearch(search) };
  throw problem(400, "Name the configuration to send (share=<code>, configuration=<id> or line=<line>&c=…).");
}

export interface LeadSourceView {
  lineName: string;
  choiceCount: number;
  /** The share code when one was opened (what the dealership will see). */
  displayCode: string | null;
  /** The saved configuration's own name, when sending one. */
  name: string | null;
}

/** What the page shows of the configuration being sent; thrown 404 when it doesn't exist. */
export async function leadSourceView(db: Executor, source: LeadSource, language: Language): Promise<LeadSourceView> {
  const lineName = async (line: string, version?: string) => {
    const loaded = await getLine(line, version, { db });
    return loaded ? localize(loaded.line.name, language) : null;
  };
  if ("share" in source) {
    const shared = await getSharedConfiguration(db, source.share);
    if (!shared) throw problem(404, "No configuration has this share code.");
    return { lineName: (await lineName(shared.line, shared.version.id)) ?? shared.line, choiceCount: shared.choices.length, displayCode: formatShareCode(shared.code), name: null };
  }
  if ("configurationId" in source) {
    const saved = await getConfiguration(db, source.ownerId, source.configurationId);
    if (!saved) throw problem(404, "No saved configuration of yours has this id.");
    return { lineName: (await lineName(saved.line, saved.version)) ?? saved.line, choiceCount: saved.choices.length, displayCode: null, name: saved.name };
  }
  const name = await lineName(source.line);
  if (!name) throw problem(404, "No product line has this code.");
  return { lineName: name, choiceCount: source.choices.length, displayCode: null, name: null };
}

export interface LeadConfigurationView {
  lineName: string;
  displayCode: string;
  groups: ConfigurationGroup[];
}

/** A lead's configuration as sent (its share code's own catalog version), named in the reader's language. */
export async function leadConfigurationView(db: Db, shareCode: string, language: Language): Promise<LeadConfigurationView> {
  const shared = await getSharedConfiguration(db, shareCode);
  const line = shared?.loaded?.line;
  return {
    lineName: line ? localize(line.name, language) : (shared?.line ?? ""),
    displayCode: formatShareCode(shareCode),
    groups: line && shared ? groupConfiguration(line, shared.choices, shared.texts, language) : [],
  };
}
