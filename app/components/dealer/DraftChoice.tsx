/**
 * Two versions of a quote and one to keep: the draft on this device and
 * either the quote as saved on the server now (someone saved another version
 * since the draft's base) or the configuration the page was opened with (a
 * share code, while a draft for the same customer and line was left over).
 * The dealer sees what differs and chooses; until then neither is dropped.
 */
import { useId } from "react";
import { useTranslation } from "react-i18next";
import type { Language, Market, ProductLine } from "~/domain/catalog";
import { configurationDifferences } from "~/domain/configuration-view";
import { parseDiscount } from "~/domain/forms/dealer";
import { formatMoney } from "~/utils/money";
import type { QuoteContent } from "./quote-drafts";

export interface DraftChoice {
  reason: "changed-on-server" | "opened-with-other";
  /** The draft on this device. */
  mine: QuoteContent;
  /** The server's version (with its lock and number), or the configuration the page was opened with. */
  theirs: QuoteContent & { lock?: number; version?: number };
  /** The dealer had asked to save the draft: keeping it sends it. */
  pending: boolean;
}

const WORDS = {
  "changed-on-server": { title: "quotes.draftChoice.changedTitle", lead: "quotes.draftChoice.changedLead", theirs: "quotes.draftChoice.theirsServer", keepTheirs: "quotes.draftChoice.keepServer" },
  "opened-with-other": { title: "quotes.draftChoice.openedTitle", lead: "quotes.draftChoice.openedLead", theirs: "quotes.draftChoice.theirsOpened", keepTheirs: "quotes.draftChoice.keepOpened" },
} as const;

export function DraftChoicePanel({
  choice,
  line,
  market,
  language,
  onKeepMine,
  onKeepTheirs,
}: {
  choice: DraftChoice;
  line: ProductLine;
  market: Market;
  language: Language;
  onKeepMine: () => void;
  onKeepTheirs: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const words = WORDS[choice.reason];
  const differences = configurationDifferences(line, choice.mine, choice.theirs, language);
  // The discount as typed on each side, shown as the quote shows it ("—" for none).
  const discount = (c: QuoteContent) => {
    const parsed = parseDiscount(c.discountKind, c.discountValue, market);
    if (!parsed.ok) return c.discountValue;
    if (parsed.discount.value === 0) return "\u2014";
    return parsed.discount.kind === "percent" ? t("quotes.percent", { value: parsed.discount.value / 100 }) : formatMoney(parsed.discount.value, market, language);
  };
  const mineDiscount = discount(choice.mine);
  const theirsDiscount = discount(choice.theirs);
  const same = differences.length === 0 && mineDiscount === theirsDiscount;
  return (
    <section className="card dealer-section draft-choice" aria-labelledby={`${id}-title`} data-testid="draft-choice" data-reason={choice.reason}>
      <h2 id={`${id}-title`}>{t(words.title)}</h2>
      <p>{t(words.lead, { version: choice.theirs.version })}</p>
      {same ? (
        <p className="muted">{t("quotes.draftChoice.same")}</p>
      ) : (
        <table className="draft-choice__table" data-testid="draft-differences">
          <thead>
            <tr>
              <th scope="col">{t("quotes.draftChoice.what")}</th>
              <th scope="col">{t("quotes.draftChoice.mine")}</th>
              <th scope="col">{t(words.theirs, { version: choice.theirs.version })}</th>
            </tr>
          </thead>
          <tbody>
            {differences.map((d) => (
              <tr key={d.feature} data-feature={d.feature}>
                <th scope="row">{d.name}</th>
                <td data-side="mine">{d.mine ?? "\u2014"}</td>
                <td data-side="theirs">{d.theirs ?? "\u2014"}</td>
              </tr>
            ))}
            {mineDiscount !== theirsDiscount ? (
              <tr data-feature="discount">
                <th scope="row">{t("quotes.price.discountLabel")}</th>
                <td data-side="mine">{mineDiscount}</td>
                <td data-side="theirs">{theirsDiscount}</td>
              </tr>
            ) : null}
          </tbody>
        </table>
      )}
      <div className="actions">
        <button type="button" className="button dealer-target" onClick={onKeepMine} data-testid="keep-mine">
          {t(choice.pending ? "quotes.draftChoice.keepMineAndSave" : "quotes.draftChoice.keepMine")}
        </button>
        <button type="button" className="button button--secondary dealer-target" onClick={onKeepTheirs} data-testid="keep-theirs">
          {t(words.keepTheirs)}
        </button>
      </div>
    </section>
  );
}
