/**
 * The body of one step: each of its features with every value (available or
 * not), or a personalization field; above them, what customers who chose
 * the same often add. Reads the running configurator; sends
 * SELECT / DESELECT / SET_TEXT.
 */
import { useCallback, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { featureConstraint } from "~/domain/catalog.meaning";
import { localize, type ChoiceFeature, type TextFeature } from "~/domain/catalog";
import { selectReason, selectTextProblems } from "~/domain/configurator.selectors";
import { describeReason, valueName } from "~/domain/configuration-view";
import { valuePrices, type StepView } from "./configurator-model";
import { signedMoney, useConfigurator, useConfiguratorSelector, useMoney } from "./context";
import { Recommendations } from "./Recommendations";
import { ValueOption } from "./ValueOption";

export function StepPanel({ view }: { view: StepView }) {
  return (
    <div className="step-panel__features">
      <Recommendations view={view} />
      {view.features.map((feature) =>
        feature.kind === "text" ? (
          <PersonalizationField key={feature.code} feature={feature} />
        ) : (
          <FeatureChoices key={feature.code} feature={feature} />
        ),
      )}
    </div>
  );
}

function FeatureChoices({ feature }: { feature: ChoiceFeature }) {
  const { t } = useTranslation();
  const { actor, line, language } = useConfigurator();
  const engine = useConfiguratorSelector((s) => s.context.engine);
  const pending = useConfiguratorSelector((s) => s.context.pending);
  const money = useMoney();
  const state = engine.domains.features.find((f) => f.code === feature.code);
  const codes = useMemo(() => feature.values.map((v) => v.code), [feature]);
  // Price differences change with every choice (packages, replaced values): recomputed per engine state.
  const prices = useMemo(() => {
    const { choices, texts, market } = actor.getSnapshot().context;
    return valuePrices(line, choices, texts, market, engine.price, codes);
  }, [actor, line, engine, codes]);
  const onSelect = useCallback((code: string) => actor.send({ type: "SELECT", code }), [actor]);
  const onDeselect = useCallback((code: string) => actor.send({ type: "DESELECT", code }), [actor]);
  const reasonOf = useCallback(
    (code: string) => {
      const reason = selectReason(code)(actor.getSnapshot());
      return reason ? describeReason(line, reason, language) : null;
    },
    [actor, line, language],
  );
  const formatDelta = useCallback((minor: number) => signedMoney(money, minor), [money]);
  const headingId = `feature-${feature.code}`;
  const bounds = featureConstraint(feature);
  const hint =
    feature.kind === "single"
      ? feature.required
        ? t("configurator.feature.chooseOne")
        : t("configurator.feature.chooseOneOptional")
      : bounds.orNone
        ? t("configurator.feature.chooseRangeOptional", { min: bounds.min, max: bounds.max })
        : bounds.min > 0
          ? t("configurator.feature.chooseRange", { min: bounds.min, max: bounds.max })
          : t("configurator.feature.chooseAny");

  return (
    <section className="feature" aria-labelledby={headingId} data-feature={feature.code}>
      <h3 id={headingId} className="feature__title">
        {localize(feature.name, language)}
      </h3>
      <p className="feature__hint muted">{hint}</p>
      <ul className={`values values--${feature.kind}`} role="list" aria-labelledby={headingId}>
        {feature.values.map((value, i) => {
          const valueState = state?.values[i] ?? { code: value.code, available: true, chosen: false, implied: false };
          const price = prices.get(value.code);
          return (
            <ValueOption
              key={value.code}
              value={value}
              state={valueState}
              price={price}
              includedInName={price?.includedIn ? valueName(line, price.includedIn, language) : undefined}
              contents={value.includes.length > 0 ? value.includes.map((c) => valueName(line, c, language)) : undefined}
              language={language}
              formatDelta={formatDelta}
              deselectable={feature.kind === "multiple" || !feature.required}
              onSelect={onSelect}
              onDeselect={onDeselect}
              reasonOf={reasonOf}
              busy={pending}
            />
          );
        })}
      </ul>
    </section>
  );
}

/** A personalization text with live validation (pattern, length, the option it needs). */
function PersonalizationField({ feature }: { feature: TextFeature }) {
  const { t } = useTranslation();
  const { actor, line, language } = useConfigurator();
  const text = useConfiguratorSelector((s) => s.context.texts[feature.code] ?? "");
  const problems = useConfiguratorSelector(selectTextProblems(feature.code));
  const enabled = useConfiguratorSelector(
    (s) => feature.enabledBy === undefined || s.context.engine.domains.features.some((f) => f.values.some((v) => v.code === feature.enabledBy && (v.chosen || v.implied))),
  );
  const money = useMoney();
  const textPrice = useConfiguratorSelector((s) => feature.price[s.context.market] ?? 0);
  const id = `text-${feature.code}`;
  const tooLong = [...text].length > feature.maxLength;
  const messages: string[] = [];
  for (const p of problems) {
    if (p.code === "text-not-allowed") messages.push(t("configurator.text.needsOption", { name: valueName(line, feature.enabledBy ?? "", language) }));
    else if (tooLong) messages.push(t("configurator.text.tooLong", { max: feature.maxLength }));
    else messages.push(t("configurator.text.invalid"));
  }
  const invalid = messages.length > 0;
  const enabler = feature.enabledBy;
  return (
    <section className="feature feature--text" aria-labelledby={`${id}-title`} data-feature={feature.code}>
      <h3 id={`${id}-title`} className="feature__title">
        {localize(feature.name, language)}
      </h3>
      {!enabled && enabler ? (
        <div className="feature__needs">
          <p className="muted">{t("configurator.text.disabled", { name: valueName(line, enabler, language) })}</p>
          <button type="button" className="button button--secondary button--small" onClick={() => actor.send({ type: "SELECT", code: enabler })}>
            {t("configurator.text.addOption", { name: valueName(line, enabler, language) })}
          </button>
        </div>
      ) : null}
      <div className="field">
        <label htmlFor={id}>{t("configurator.text.label")}</label>
        <input
          id={id}
          type="text"
          value={text}
          autoComplete="off"
          spellCheck={false}
          disabled={!enabled && text === ""}
          aria-invalid={invalid}
          aria-describedby={`${id}-hint${invalid ? ` ${id}-error` : ""}`}
          onChange={(e) => actor.send({ type: "SET_TEXT", feature: feature.code, text: e.currentTarget.value })}
        />
        <p id={`${id}-hint`} className="field__hint">
          {t("configurator.text.hint", { n: [...text].length, max: feature.maxLength })}
          {textPrice > 0 ? ` · ${money(textPrice)}` : null}
        </p>
        {invalid ? (
          <div id={`${id}-error`} className="field__error" role="alert">
            {messages.map((m) => (
              <p key={m}>{m}</p>
            ))}
          </div>
        ) : null}
      </div>
    </section>
  );
}
