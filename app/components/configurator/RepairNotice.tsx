/**
 * Shown while the configuration breaks the catalog's rules (a link, a share
 * code, a saved configuration or a quote can bring one in): each choice or
 * text that can't stay, with the rules that rule it out in the reader's
 * language, and the nearest valid configuration in one click.
 */
import { useTranslation } from "react-i18next";
import { featureName, describeReason, valueName } from "~/domain/configuration-view";
import type { DroppedChoice, DroppedText } from "~/domain/engine";
import { useConfigurator, useConfiguratorSelector } from "./context";

export function RepairNotice() {
  const { t } = useTranslation();
  const { actor } = useConfigurator();
  const repair = useConfiguratorSelector((s) => s.context.engine.repair);
  if (!repair) return null;
  return (
    <div className="notice notice--warning repair-notice" role="alert" data-testid="repair-notice">
      <p>
        <strong>{t("configurator.repair.title")}</strong>
      </p>
      <ul>
        {repair.dropped.map((d) => (
          <DroppedChoiceItem key={d.code} dropped={d} />
        ))}
        {repair.droppedTexts.map((d) => (
          <DroppedTextItem key={d.field} dropped={d} />
        ))}
      </ul>
      <p>{t("configurator.repair.offer")}</p>
      <p>
        <button type="button" className="button" data-testid="repair" onClick={() => actor.send({ type: "REPAIR" })}>
          {t("configurator.repair.accept")}
        </button>
      </p>
    </div>
  );
}

function DroppedChoiceItem({ dropped }: { dropped: DroppedChoice }) {
  const { t } = useTranslation();
  const { line, language } = useConfigurator();
  const reason = dropped.reason ? describeReason(line, dropped.reason, language) : null;
  const rules = reason?.rules.map((r) => (r.kind === "rule" ? r.text : t("configurator.repair.includedBy", { name: r.package }))) ?? [];
  const others = reason?.choices.map((c) => c.name).join(", ") ?? "";
  return (
    <li data-code={dropped.code}>
      <strong>{valueName(line, dropped.code, language)}</strong>
      {": "}
      {rules.length > 0 ? rules.join(" ") : t("configurator.repair.conflicts", { names: others })}
      {rules.length > 0 && others ? ` ${t("configurator.repair.with", { names: others })}` : null}
    </li>
  );
}

function DroppedTextItem({ dropped }: { dropped: DroppedText }) {
  const { t } = useTranslation();
  const { line, language } = useConfigurator();
  const field = featureName(line, dropped.field, language);
  const feature = line.features.find((f) => f.code === dropped.field);
  const enabledBy = feature?.kind === "text" && feature.enabledBy ? valueName(line, feature.enabledBy, language) : null;
  return (
    <li data-field={dropped.field}>
      <strong>{field}</strong>
      {": "}
      {dropped.problem === "text-not-allowed" && enabledBy
        ? t("configurator.repair.textNotAllowed", { value: enabledBy })
        : t("configurator.repair.textInvalid")}
    </li>
  );
}
