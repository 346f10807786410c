/**
 * The customer's profile: contact details, address, preferences and consents.
 * A save writes the account and any consent that changed in one transaction;
 * consents are appended, never overwritten, so their history stays.
 */
import { asc, eq } from "drizzle-orm";
import type { Executor } from "#db/client";
import { consentEvents, dealerships, users } from "#db/schema";
import { nameIndex, phoneIndex } from "~/.server/privacy/personal-data.server";
import type { Language, Market } from "~/domain/catalog";
import type { ProfileForm } from "~/domain/forms/profile";
import { CONSENT_KINDS, consentState, type ConsentKind, type ContactChannel, type PostalAddress } from "~/domain/profile";
import { fail, ok, type Result } from "~/domain/result";

export interface Profile {
  name: string;
  email: string;
  phone: string | null;
  address: PostalAddress | null;
  language: Language | null;
  market: Market | null;
  contactChannel: ContactChannel;
  preferredDealershipId: string | null;
  consents: Record<ConsentKind, { granted: boolean; since: Date | null }>;
}

export async function getProfile(db: Executor, userId: string): Promise<Profile | null> {
  const [user] = await db
    .select({
      name: users.name,
      email: users.email,
      phone: users.phone,
      address: users.address,
      language: users.preferredLanguage,
      market: users.preferredMarket,
      contactChannel: users.contactChannel,
      preferredDealershipId: users.preferredDealershipId,
    })
    .from(users)
    .where(eq(users.id, userId));
  if (!user) return null;
  const events = await db
    .select({ kind: consentEvents.kind, granted: consentEvents.granted, at: consentEvents.at })
    .from(consentEvents)
    .where(eq(consentEvents.userId, userId))
    .orderBy(asc(consentEvents.at));
  return { ...user, consents: consentState(events) };
}

/** Dealerships a customer may prefer, by name. */
export async function listDealershipChoices(db: Executor): Promise<{ id: string; name: string; market: Market }[]> {
  return db.select({ id: dealerships.id, name: dealerships.name, market: dealerships.market }).from(dealerships).orderBy(asc(dealerships.name));
}

const CONSENT_FIELDS: Record<ConsentKind, "consentRecommendations" | "consentSavedConfigurationNews"> = {
  recommendations: "consentRecommendations",
  saved_configuration_news: "consentSavedConfigurationNews",
};

export async function saveProfile(db: Executor, userId: string, form: ProfileForm, now: Date = new Date()): Promise<Result<Profile, "unknown-dealership">> {
  return db.transaction(async (tx) => {
    if (form.preferredDealership !== undefined) {
      const [known] = await tx.select({ id: dealerships.id }).from(dealerships).where(eq(dealerships.id, form.preferredDealership));
      if (!known) return fail({ status: 400, code: "unknown-dealership", message: "No such dealership.", path: "preferredDealership" });
    }
    const address: PostalAddress | null =
      form.street !== undefined && form.city !== undefined && form.country !== undefined
        ? { street: form.street, postalCode: form.postalCode ?? "", city: form.city, country: form.country }
        : null;
    await tx
      .update(users)
      .set({
        name: form.name,
        nameIndex: nameIndex(form.name),
        phone: form.phone ?? null,
        phoneIndex: phoneIndex(form.phone),
        address,
        preferredLanguage: form.language ?? null,
        preferredMarket: (form.market as Market | undefined) ?? null,
        contactChannel: form.contactChannel,
        preferredDealershipId: form.preferredDealership ?? null,
      })
      .where(eq(users.id, userId));
    const before = (await getProfile(tx, userId))!.consents;
    const changed = CONSENT_KINDS.filter((kind) => before[kind].granted !== form[CONSENT_FIELDS[kind]]);
    if (changed.length > 0) {
      await tx.insert(consentEvents).values(changed.map((kind) => ({ userId, kind, granted: form[CONSENT_FIELDS[kind]], at: now })));
    }
    return ok((await getProfile(tx, userId))!);
  });
}
