/**
 * The summary step: the whole configuration, the features that still need a
 * choice (each a way back to its step), and, on the customer's page, the
 * review link and the save/share panel.
 */
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { localize } from "~/domain/catalog";
import type { ConfiguratorStep } from "~/domain/configurator.machine";
import { brokenRules, featureName, groupConfiguration, ruleText } from "~/domain/configuration-view";
import type { Problem } from "~/domain/engine";
import {
  selectError,
  selectIsComplete,
  selectProblems,
  selectShowProblems,
  selectStatus,
  type ConfiguratorSnapshot,
} from "~/domain/configurator.selectors";
import { shareConfiguration } from "./api-client";
import { ConfigurationList } from "./ConfigurationList";
import { reviewHref, type StepView } from "./configurator-model";
import { useConfigurator, useConfiguratorSelector } from "./context";
import { SaveSharePanel } from "./SaveSharePanel";

export interface SummaryStepProps {
  steps: StepView[];
  /** Required features without (enough) choices. */
  missing: Problem[];
  goTo: (step: ConfiguratorStep) => void;
  /** The customer's own actions (review, save, share); a page with its own actions leaves them out. */
  customerActions: boolean;
  /** The configuration's address on the configure page. */
  href: string;
  version: string;
  signedIn: boolean;
}

export function SummaryStep({ steps, missing, goTo, customerActions, href, version, signedIn }: SummaryStepProps) {
  const { line, language } = useConfigurator();
  const choices = useConfiguratorSelector((s) => s.context.choices);
  const texts = useConfiguratorSelector((s) => s.context.texts);
  const complete = useConfiguratorSelector(selectIsComplete);
  return (
    <div className="summary-step">
      <ConfigurationList groups={groupConfiguration(line, choices, texts, language)} />
      {!complete ? <MissingFeatures steps={steps} missing={missing} goTo={goTo} /> : null}
      {customerActions ? <ReviewSaveShare href={href} version={version} signedIn={signedIn} /> : null}
    </div>
  );
}

function MissingFeatures({ steps, missing, goTo }: Pick<SummaryStepProps, "steps" | "missing" | "goTo">) {
  const { t } = useTranslation();
  const { line, language } = useConfigurator();
  const showProblems = useConfiguratorSelector(selectShowProblems);
  // Rules the choices don't meet yet (e.g. "S line comes with S line sport seats"): without them the list could be empty.
  const rules = useConfiguratorSelector(selectProblems)
    .filter((p) => p.code === "rule-violated" && p.rule !== undefined)
    .map((p) => ruleText(line, p.rule!, language));
  return (
    <div className={`summary-step__missing${showProblems ? " summary-step__missing--shown" : ""}`} role={showProblems ? "alert" : undefined}>
      <p>{t("configurator.summary.incomplete")}</p>
      <ul>
        {missing.map((p) => {
          const target = steps.find((s) => s.features.some((f) => f.code === p.target));
          return (
            <li key={`${p.code}-${p.target}`}>
              <button type="button" className="link-button" onClick={() => target && goTo(target.step)}>
                {featureName(line, p.target ?? "", language)}
              </button>
            </li>
          );
        })}
      </ul>
      {rules.length > 0 ? <p data-testid="rules-to-meet">{t("configurator.summary.rulesToMeet", { rules: rules.join(" ") })}</p> : null}
    </div>
  );
}

function ReviewSaveShare({ href, version, signedIn }: Pick<SummaryStepProps, "href" | "version" | "signedIn">) {
  const { t } = useTranslation();
  const { actor, line, language } = useConfigurator();
  const choices = useConfiguratorSelector((s) => s.context.choices);
  const texts = useConfiguratorSelector((s) => s.context.texts);
  const complete = useConfiguratorSelector(selectIsComplete);
  const status = useConfiguratorSelector(selectStatus);
  const saveError = useConfiguratorSelector(selectError);
  const saveRetryable = useConfiguratorSelector((s: ConfiguratorSnapshot) => s.context.errorRetryable);
  const repair = useConfiguratorSelector((s: ConfiguratorSnapshot) => s.context.engine.repair);
  const savedName = useConfiguratorSelector((s: ConfiguratorSnapshot) => (s.context.saved ? s.context.saveName : null));
  return (
    <>
      <p className="actions">
        <Link
          to={reviewHref(href)}
          className="button"
          data-testid="review-link"
          aria-disabled={!complete}
          onClick={(e) => {
            actor.send({ type: "REVIEW" });
            if (!complete) e.preventDefault();
          }}
        >
          {t("configurator.summary.review")}
        </Link>
      </p>
      <SaveSharePanel
        signedIn={signedIn}
        loginHref={`/login?${new URLSearchParams({ redirectTo: href })}`}
        saving={status === "saving"}
        savedName={savedName}
        saveError={saveError}
        saveRetryable={saveRetryable}
        brokenRules={repair ? brokenRules(line, repair.dropped, language) : null}
        onSave={(name) => actor.send({ type: "SAVE", name })}
        onShare={() => shareConfiguration({ line: line.code, catalogVersion: version, choices, texts })}
        defaultName={localize(line.name, language)}
      />
    </>
  );
}
