/**
 * The customer file's sections, shared by the dealers' page
 * (/dealer/customers/<id>) and the maker's staff's (/customers/<id>): tier and
 * its history, contact details, orders, feedback, staff notes, configurations
 * sent to the dealership, and who opened the file. Each section the loader
 * left out (null) is not rendered: what a reader sees is the permission
 * table's decision, made on the server.
 */
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList } from "~/components/forms";
import { formatTime } from "~/components/dealer/QuoteBits";
import { useLanguage } from "~/components/use-language";
import type { Market } from "~/domain/catalog";
import { FEEDBACK_ASPECTS, NOTE_MAX, TIER_REASON_MAX } from "~/domain/forms/customer-file";
import { CONSENT_KINDS, type ConsentKind, type PostalAddress } from "~/domain/profile";
import { CUSTOMER_TIERS, type CustomerTier } from "~/domain/roles";
import type { OrderStatus } from "~/domain/orders";
import { formatMoney } from "~/utils/money";

/** The file as the loader hands it over (dates as ISO strings). */
export interface CustomerFileData {
  id: string;
  name: string;
  tier: CustomerTier;
  tierHistory: { id: number; fromTier: CustomerTier; toTier: CustomerTier; source: "computed" | "override"; reason: string | null; actorName: string | null; at: string }[];
  contact: {
    email: string;
    phone: string | null;
    address: PostalAddress | null;
    contactChannel: string;
    consents: Record<ConsentKind, { granted: boolean; since: string | null }>;
  } | null;
  orders: { id: string; number: string; line: string; status: OrderStatus; total: number; market: Market; createdAt: string }[];
  feedback: { orderId: string; number: string; productRating: number; dealerRating: number | null; deliveryRating: number; comment: string | null; createdAt: string }[];
  notes: { id: number; body: string; authorName: string | null; dealershipName: string | null; at: string }[];
  shared: { id: string; shareCode: string; status: string; createdAt: string }[] | null;
  access: { viewerName: string; at: string }[] | null;
}

type Errors = Record<string, string[] | null> | null | undefined;

export function CustomerFileSections({ file, canNote, canOverride }: { file: CustomerFileData; canNote: boolean; canOverride: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const reply = useActionData<{ error?: Errors }>();
  const errors = reply && "error" in reply ? reply.error : undefined;
  const busy = useNavigation().state !== "idle";

  return (
    <div className="customer-file" data-testid="customer-file">
      <ErrorList errors={errors?.[""] ?? undefined} className="form-error" />
      <section aria-labelledby="file-tier" className="dealer-section">
        <h2 id="file-tier">
          {t("customers.tier")}: <span data-testid="file-tier">{t(`customers.tiers.${file.tier}`)}</span>
        </h2>
        <p className="muted">{t("customers.tierRule")}</p>
        <h3>{t("customers.tierHistory")}</h3>
        {file.tierHistory.length === 0 ? (
          <p className="muted">{t("customers.noTierHistory")}</p>
        ) : (
          <ul className="dealer-list" data-testid="tier-history">
            {file.tierHistory.map((e) => (
              <li key={e.id} className="dealer-list__row">
                <div>
                  <span className="dealer-list__name">{t("customers.tierChange", { from: t(`customers.tiers.${e.fromTier}`), to: t(`customers.tiers.${e.toTier}`) })}</span>
                  <span className="muted">
                    {e.source === "override" ? t("customers.tierSource.override", { name: e.actorName ?? t("customers.maker") }) : t("customers.tierSource.computed")}
                    {" \u00b7 "}
                    {formatTime(e.at, language)}
                    {e.reason ? ` \u00b7 ${e.reason}` : ""}
                  </span>
                </div>
              </li>
            ))}
          </ul>
        )}
        {canOverride ? (
          <Form method="post" className="card customer-file__form" data-testid="tier-override">
            <h3>{t("customers.override")}</h3>
            <label className="field">
              <span>{t("customers.overrideTier")}</span>
              <select name="tier" defaultValue={file.tier}>
                {CUSTOMER_TIERS.map((tier) => (
                  <option key={tier} value={tier}>
                    {t(`customers.tiers.${tier}`)}
                  </option>
                ))}
              </select>
            </label>
            <ErrorList errors={errors?.tier ?? undefined} />
            <label className="field">
              <span>{t("customers.overrideReason")}</span>
              <input name="reason" required maxLength={TIER_REASON_MAX} />
            </label>
            <ErrorList errors={errors?.reason ?? undefined} />
            <button type="submit" name="intent" value="tier" className="button dealer-target" disabled={busy}>
              {t("customers.overrideSubmit")}
            </button>
          </Form>
        ) : null}
      </section>

      {file.contact ? (
        <section aria-labelledby="file-contact" className="dealer-section">
          <h2 id="file-contact">{t("profile.contact")}</h2>
          <dl className="dealer-facts card" data-testid="file-contact">
            <div>
              <dt>{t("customers.email")}</dt>
              <dd>{file.contact.email}</dd>
            </div>
            <div>
              <dt>{t("customers.phone")}</dt>
              <dd>{file.contact.phone ?? "\u2014"}</dd>
            </div>
            <div>
              <dt>{t("customers.address")}</dt>
              <dd>{file.contact.address ? `${file.contact.address.street}, ${file.contact.address.postalCode} ${file.contact.address.city}, ${file.contact.address.country}` : "\u2014"}</dd>
            </div>
            <div>
              <dt>{t("customers.channel")}</dt>
              <dd>{t(`profile.channel.${file.contact.contactChannel as "email" | "in_app"}`)}</dd>
            </div>
            {CONSENT_KINDS.map((kind) => (
              <div key={kind}>
                <dt>{t(`profile.consent.${kind}`)}</dt>
                <dd>{file.contact!.consents[kind].granted ? t("quotes.yes") : t("quotes.no")}</dd>
              </div>
            ))}
          </dl>
        </section>
      ) : null}

      <section aria-labelledby="file-orders" className="dealer-section">
        <h2 id="file-orders">{t("customers.orders")}</h2>
        {file.orders.length === 0 ? (
          <p className="muted">{t("customers.noOrders")}</p>
        ) : (
          <ul className="dealer-list" data-testid="file-orders">
            {file.orders.map((o) => (
              <li key={o.id} className="dealer-list__row">
                <div>
                  <Link to={`/orders/${o.number}`} className="dealer-list__name code touch-target">
                    {o.number}
                  </Link>
                  <span className="muted">
                    {o.line} · {t(`orders.status.${o.status}`)} · {formatMoney(o.total, o.market, language)} · {formatTime(o.createdAt, language)}
                  </span>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="file-feedback" className="dealer-section">
        <h2 id="file-feedback">{t("customers.feedback")}</h2>
        {file.feedback.length === 0 ? (
          <p className="muted">{t("customers.noFeedback")}</p>
        ) : (
          <ul className="dealer-list" data-testid="file-feedback">
            {file.feedback.map((f) => (
              <li key={f.orderId} className="dealer-list__row">
                <div>
                  <span className="dealer-list__name code touch-target">{f.number}</span>
                  <span className="muted">
                    {FEEDBACK_ASPECTS.filter((a) => a !== "dealer" || f.dealerRating !== null)
                      .map((a) => `${t(`feedback.aspect.${a}`)}: ${t("feedback.stars", { n: String(a === "product" ? f.productRating : a === "dealer" ? f.dealerRating : f.deliveryRating) })}`)
                      .join(" \u00b7 ")}
                  </span>
                  {f.comment ? <span className="customer-file__text">{f.comment}</span> : null}
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="file-notes" className="dealer-section">
        <h2 id="file-notes">{t("customers.notes")}</h2>
        {file.notes.length === 0 ? (
          <p className="muted">{t("customers.noNotes")}</p>
        ) : (
          <ul className="dealer-list" data-testid="file-notes">
            {file.notes.map((n) => (
              <li key={n.id} className="dealer-list__row">
                <div>
                  <span className="customer-file__text">{n.body}</span>
                  <span className="muted">
                    {t("customers.noteBy", { author: n.authorName ?? "\u2014", date: formatTime(n.at, language) })}
                    {` \u00b7 ${n.dealershipName ?? t("customers.maker")}`}
                  </span>
                </div>
              </li>
            ))}
          </ul>
        )}
        {canNote ? (
          <Form method="post" className="card customer-file__form" data-testid="note-form">
            <label className="field">
              <span>{t("customers.noteBody")}</span>
              <textarea name="body" required maxLength={NOTE_MAX} rows={3} />
            </label>
            <ErrorList errors={errors?.body ?? undefined} />
            <button type="submit" name="intent" value="note" className="button dealer-target" disabled={busy}>
              {t("customers.noteSubmit")}
            </button>
          </Form>
        ) : null}
      </section>

      {file.shared ? (
        <section aria-labelledby="file-shared" className="dealer-section">
          <h2 id="file-shared">{t("customers.shared")}</h2>
          {file.shared.length === 0 ? (
            <p className="muted">{t("customers.noShared")}</p>
          ) : (
            <ul className="dealer-list" data-testid="file-shared">
              {file.shared.map((s) => (
                <li key={s.id} className="dealer-list__row">
                  <div>
                    <Link to={`/dealer/leads/${s.id}`} className="dealer-list__name code touch-target">
                      {s.shareCode}
                    </Link>
                    <span className="muted">
                      {t(`leads.status.${s.status as "new"}`)} · {formatTime(s.createdAt, language)}
                    </span>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}

      {file.access ? (
        <section aria-labelledby="file-access" className="dealer-section">
          <h2 id="file-access">{t("customers.access")}</h2>
          {file.access.length === 0 ? (
            <p className="muted">{t("customers.noAccess")}</p>
          ) : (
            <ul className="dealer-list" data-testid="file-access">
              {file.access.map((a, i) => (
                <li key={i} className="dealer-list__row">
                  <span>
                    {a.viewerName} · {formatTime(a.at, language)}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
    </div>
  );
}
