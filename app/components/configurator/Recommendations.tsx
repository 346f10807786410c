/**
 * "Customers who chose S line often add Winter package (62 %)": at most three
 * values of this step, each with its reason, that the customer can add right
 * now without a conflict. "Add" sends the same SELECT as a click on the value.
 */
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { valueName } from "~/domain/configuration-view";
import { addableValues, percentOf, recommend, valuesHeld } from "~/domain/recommend";
import type { StepView } from "./configurator-model";
import { useConfigurator, useConfiguratorSelector } from "./context";

export function Recommendations({ view }: { view: StepView }) {
  const { t } = useTranslation();
  const { actor, line, language, rules } = useConfigurator();
  const domains = useConfiguratorSelector((s) => s.context.engine.domains);
  const shown = useMemo(() => {
    if (!rules || rules.length === 0) return [];
    const features = view.features.map((f) => f.code);
    return recommend(rules, valuesHeld(domains), addableValues(line, domains, features));
  }, [rules, domains, line, view]);
  if (shown.length === 0) return null;
  return (
    <section className="recommendations" aria-labelledby="recommendations-title">
      <h3 id="recommendations-title" className="recommendations__title">
        {t("configurator.recommend.title")}
      </h3>
      <ul className="recommendations__list" role="list">
        {shown.map((r) => {
          const name = valueName(line, r.code, language);
          return (
            <li key={r.code} className="recommendations__item" data-recommended={r.code}>
              <p className="recommendations__reason">
                {t("configurator.recommend.reason", { chosen: valueName(line, r.because, language), value: name, percent: percentOf(r.confidence) })}
              </p>
              <button
                type="button"
                className="button button--secondary button--small"
                aria-label={t("configurator.recommend.addLabel", { value: name })}
                onClick={() => actor.send({ type: "SELECT", code: r.code })}
              >
                {t("configurator.recommend.add")}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
