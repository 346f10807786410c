/**
 * Why a value can't be chosen now, in words: the current choices that rule it
 * out ("Not with: Base, 40 TFSI") and the catalog's rule descriptions.
 */
import { useTranslation } from "react-i18next";
import type { ReasonView } from "~/domain/configuration-view";

export function ReasonText({ reason }: { reason: ReasonView }) {
  const { t } = useTranslation();
  return (
    <span className="reason">
      {reason.choices.length > 0 ? (
        <span className="reason__choices">
          {t("configurator.reason.notWith", { names: reason.choices.map((c) => c.name).join(", ") })}
        </span>
      ) : (
        <span className="reason__choices">{t("configurator.reason.never")}</span>
      )}
      {reason.rules.map((rule) => (
        <span key={rule.id} className="reason__rule">
          {rule.kind === "rule" ? rule.text : t("configurator.reason.includes", { name: rule.package })}
        </span>
      ))}
    </span>
  );
}
