/** Undo, redo and reset of the running configuration (the keyboard shortcuts are in use-undo-shortcuts). */
import { useTranslation } from "react-i18next";
import { selectCanRedo, selectCanUndo } from "~/domain/configurator.selectors";
import { useConfigurator, useConfiguratorSelector } from "./context";

export function HistoryControls() {
  const { t } = useTranslation();
  const { actor } = useConfigurator();
  const canUndo = useConfiguratorSelector(selectCanUndo);
  const canRedo = useConfiguratorSelector(selectCanRedo);
  const isEmpty = useConfiguratorSelector((s) => s.context.choices.length === 0 && Object.keys(s.context.texts).length === 0);
  return (
    <div className="configurator__history" role="group" aria-label={t("configurator.history.label")}>
      <button type="button" className="button button--secondary button--small" disabled={!canUndo} aria-keyshortcuts="Control+Z Meta+Z" onClick={() => actor.send({ type: "UNDO" })}>
        {t("configurator.history.undo")}
      </button>
      <button
        type="button"
        className="button button--secondary button--small"
        disabled={!canRedo}
        aria-keyshortcuts="Control+Shift+Z Meta+Shift+Z Control+Y"
        onClick={() => actor.send({ type: "REDO" })}
      >
        {t("configurator.history.redo")}
      </button>
      <button type="button" className="button button--secondary button--small" disabled={isEmpty} onClick={() => actor.send({ type: "RESET" })}>
        {t("configurator.history.reset")}
      </button>
    </div>
  );
}
