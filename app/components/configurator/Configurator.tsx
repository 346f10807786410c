/**
 * The configurator page's body: the 3D view, the steps as tabs, the values of
 * the current step, the sticky price summary and the conflict dialog, all
 * driven by one configurator actor running in the browser (every click is
 * answered by the engine locally, no round trip).
 *
 * The configuration lives in the address (`?c=…&t.<field>=…`, replaced on each
 * change) and in sessionStorage, so a reload or the back button finds it again.
 */
import { Link, useLocation } from "@remix-run/react";
import { useActorRef, useSelector } from "@xstate/react";
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { localize, type Language, type Market, type ProductLine } from "~/domain/catalog";
import type { PriceBreakdown } from "~/domain/engine";
import { configuratorWithIo, type ConfiguratorStep } from "~/domain/configurator.machine";
import {
  selectCanRedo,
  selectCanUndo,
  selectConflict,
  selectDropped,
  selectError,
  selectIsComplete,
  selectPrice,
  selectProblems,
  selectReason,
  selectShowProblems,
  selectStatus,
  selectStep,
  selectVisualKeys,
  type ConfiguratorSnapshot,
} from "~/domain/configurator.selectors";
import { configureHref } from "~/domain/forms/configuration";
import { describeReason, featureName, groupConfiguration } from "~/domain/configuration-view";
import type { CameraPreset } from "~/scene/camera-presets";
import { ScenePreview } from "~/scene/ScenePreview";
import { formatMoney } from "~/utils/money";
import { saveConfiguration, shareConfiguration } from "./api-client";
import { ConfigurationList } from "./ConfigurationList";
import { reviewHref, stepsOf, storageKey, type StepView } from "./configurator-model";
import { ConflictDialog } from "./ConflictDialog";
import { ConfiguratorProvider, signedMoney, type ConfiguratorActor } from "./context";
import { DeliveryEstimate } from "~/components/delivery/DeliveryEstimate";
import { PriceSummary } from "./PriceSummary";
import { SaveSharePanel } from "./SaveSharePanel";
import { StepPanel } from "./StepPanel";
import { StepTabs, tabId } from "./StepTabs";
import { useUndoShortcuts } from "./use-undo-shortcuts";

export interface ConfiguratorProps {
  line: ProductLine;
  version: string;
  language: Language;
  market: Market;
  /** The starting configuration (from the address, a saved configuration or this tab's storage). */
  initial: { choices: string[]; texts: Record<string, string> };
  signedIn: boolean;
  /**
   * Extension point for pages that mount the configurator for another purpose
   * (a dealer's quote): the address kept in the location bar (default:
   * /configure/<line>?c=…) …
   */
  address?: (choices: string[], texts: Record<string, string>) => string;
  /**
   * … and the page's own actions, shown in the price summary on every step
   * instead of the customer's review link and save/share panel.
   */
  renderActions?: (view: ConfiguratorActionsView) => React.ReactNode;
}

/** What a page's own actions see of the running configuration. */
export interface ConfiguratorActionsView {
  choices: string[];
  texts: Record<string, string>;
  market: Market;
  breakdown: PriceBreakdown;
  complete: boolean;
}

const PANEL_ID = "step-panel";
const FEATURE_PROBLEMS = new Set(["missing-required", "too-few", "too-many", "text-invalid", "text-not-allowed"]);

export function Configurator(props: ConfiguratorProps) {
  const { line, version, market, initial } = props;
  const logic = useMemo(
    () => configuratorWithIo({ saveConfiguration: (input, signal) => saveConfiguration(input, signal) }),
    [],
  );
  const actor = useActorRef(logic, { input: { line, catalogVersion: version, market, choices: initial.choices, texts: initial.texts } });
  const env = useMemo(() => ({ actor, line, language: props.language }), [actor, line, props.language]);

  // The market is switched in the header: the page's data changes, the configuration stays.
  useEffect(() => {
    actor.send({ type: "SET_MARKET", market });
  }, [actor, market]);

  return (
    <ConfiguratorProvider value={env}>
      <ConfiguratorBody {...props} actor={actor} />
    </ConfiguratorProvider>
  );
}

function ConfiguratorBody({ line, version, language, signedIn, actor, address, renderActions }: ConfiguratorProps & { actor: ConfiguratorActor }) {
  const { t } = useTranslation();
  const location = useLocation();
  const status = useSelector(actor, selectStatus);
  const machineStep = useSelector(actor, selectStep);
  const choices = useSelector(actor, (s) => s.context.choices);
  const texts = useSelector(actor, (s) => s.context.texts);
  const market = useSelector(actor, (s) => s.context.market);
  const breakdown = useSelector(actor, selectPrice);
  const complete = useSelector(actor, selectIsComplete);
  const problems = useSelector(actor, selectProblems);
  const showProblems = useSelector(actor, selectShowProblems);
  const conflict = useSelector(actor, selectConflict);
  const canUndo = useSelector(actor, selectCanUndo);
  const canRedo = useSelector(actor, selectCanRedo);
  // The 3D view follows at low priority: the price and availability are painted first, the scene a moment after.
  const visualKeys = useDeferredValue(useSelector(actor, selectVisualKeys));
  const dropped = useSelector(actor, selectDropped);
  const saveError = useSelector(actor, selectError);
  const savedName = useSelector(actor, (s: ConfiguratorSnapshot) => (s.context.saved ? s.context.saveName : null));

  // The step survives the conflict dialog and saving (the machine is then outside "editing").
  const lastStep = useRef<ConfiguratorStep>("trim");
  if (machineStep) lastStep.current = machineStep;
  const steps = stepsOf(line);
  const stepView: StepView = steps.find((s) => s.step === lastStep.current) ?? steps[0];
  const step = stepView.step;

  const money = useCallback((minor: number) => formatMoney(minor, market, language), [market, language]);
  const href = configureHref(line.code, choices, texts);
  const shownAddress = address ? address(choices, texts) : href;

  // Keep the configuration in the address and in this tab's storage on every change.
  useEffect(() => {
    const url = new URL(shownAddress, window.location.origin);
    if (window.location.pathname + window.location.search !== url.pathname + url.search) {
      // Keep the router's own history state so back/forward still work.
      window.history.replaceState(window.history.state, "", url.pathname + url.search);
    }
    try {
      window.sessionStorage.setItem(storageKey(line.code), JSON.stringify({ version, choices, texts }));
    } catch {
      // Storage may be full or disabled (private mode): the address still has it.
    }
    // location.key: a navigation to this same page (the language switch) put the old address back.
  }, [shownAddress, line.code, version, choices, texts, location.key]);

  useUndoShortcuts(actor);

  const [camera, setCamera] = useState<CameraPreset>("front");
  const goTo = useCallback(
    (target: ConfiguratorStep) => {
      actor.send({ type: "GO_TO_STEP", step: target });
      // The interior step looks inside; leaving it looks at the car again.
      setCamera((c) => (target === "interior" ? "interior" : c === "interior" ? "front" : c));
    },
    [actor],
  );

  const stepProblems = (view: StepView) => {
    const codes = new Set(view.features.map((f) => f.code));
    return problems.filter((p) => FEATURE_PROBLEMS.has(p.code) && p.target !== undefined && codes.has(p.target));
  };
  const tabs = steps.map((s) => ({ step: s.step, done: s.step === "summary" ? complete : stepProblems(s).length === 0 }));
  const missing = problems.filter((p) => p.code === "missing-required" || p.code === "too-few");
  const index = steps.findIndex((s) => s.step === step);
  const next = steps[index + 1]?.step;
  const previous = steps[index - 1]?.step;

  const loginHref = `/login?${new URLSearchParams({ redirectTo: href })}`;

  return (
    <div className="configurator" data-status={status} data-testid="configurator">
      <div className="configurator__top">
        <div>
          <h1>{localize(line.name, language)}</h1>
          {line.description ? <p className="muted configurator__description">{localize(line.description, language)}</p> : null}
        </div>
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
          <button type="button" className="button button--secondary button--small" disabled={choices.length === 0 && Object.keys(texts).length === 0} onClick={() => actor.send({ type: "RESET" })}>
            {t("configurator.history.reset")}
          </button>
        </div>
      </div>

      {dropped.length > 0 ? (
        <p className="notice" role="status">
          {t("configurator.dropped", { codes: dropped.join(", ") })}
        </p>
      ) : null}

      <div className="configurator__layout">
        <div className="configurator__main">
          <div className="configurator__stage">
            <ScenePreview
              model={line.visualModel ?? line.code}
              visualKeys={visualKeys}
              camera={camera}
              onCameraChange={setCamera}
              cameraLabels={{
                front: t("configurator.camera.front"),
                side: t("configurator.camera.side"),
                rear: t("configurator.camera.rear"),
                interior: t("configurator.camera.interior"),
              }}
              cameraGroupLabel={t("configurator.camera.label")}
              viewLabels={{
                show3d: t("configurator.scene.show3d"),
                showPicture: t("configurator.scene.showPicture"),
                softwareHint: t("configurator.scene.softwareHint"),
                loading3d: t("configurator.scene.loading3d"),
              }}
            />
          </div>

          <StepTabs steps={tabs} current={step} onSelect={goTo} panelId={PANEL_ID} />

          <section id={PANEL_ID} className="step-panel" role="tabpanel" aria-labelledby={tabId(step)} data-step={step}>
            <h2 className="step-panel__title">{t(`configurator.steps.${step}`)}</h2>
            {step === "summary" ? (
              <div className="summary-step">
                <ConfigurationList groups={groupConfiguration(line, choices, texts, language)} />
                {!complete ? (
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
                  </div>
                ) : null}
                {renderActions ? null : (
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
                      loginHref={loginHref}
                      saving={status === "saving"}
                      savedName={savedName}
                      saveError={saveError}
                      onSave={(name) => actor.send({ type: "SAVE", name })}
                      onShare={() => shareConfiguration({ line: line.code, catalogVersion: version, choices, texts })}
                      defaultName={localize(line.name, language)}
                    />
                  </>
                )}
              </div>
            ) : (
              <StepPanel view={stepView} />
            )}
            <div className="step-panel__nav">
              {previous ? (
                <button type="button" className="button button--secondary" onClick={() => goTo(previous)}>
                  {t("configurator.steps.previous", { step: t(`configurator.steps.${previous}`) })}
                </button>
              ) : (
                <span />
              )}
              {next ? (
                <button type="button" className="button" onClick={() => goTo(next)}>
                  {t("configurator.steps.next", { step: t(`configurator.steps.${next}`) })}
                </button>
              ) : null}
            </div>
          </section>
        </div>

        <PriceSummary line={line} language={language} breakdown={breakdown} formatMoney={money} complete={complete} missing={missing.length}>
          <DeliveryEstimate line={line.code} choices={choices} language={language} />
          {step !== "summary" ? (
            <p className="price-summary__actions">
              <button type="button" className="button button--secondary button--block" onClick={() => goTo("summary")}>
                {t("configurator.summary.open")}
              </button>
            </p>
          ) : null}
          {renderActions?.({ choices, texts, market, breakdown, complete })}
        </PriceSummary>
      </div>

      {status === "resolving" && conflict ? (
        <ConflictDialog
          line={line}
          language={language}
          conflict={conflict}
          reason={reasonView(actor, line, language, conflict.want)}
          formatDelta={(minor) => signedMoney(money, minor)}
          onAccept={(i) => actor.send({ type: "ACCEPT_RESOLUTION", index: i })}
          onDecline={() => actor.send({ type: "DECLINE_RESOLUTION" })}
        />
      ) : null}
    </div>
  );
}

function reasonView(actor: ConfiguratorActor, line: ProductLine, language: Language, code: string) {
  const reason = selectReason(code)(actor.getSnapshot());
  return reason ? describeReason(line, reason, language) : null;
}
