/**
 * The configurator page's body: the 3D view, the steps as tabs, the values of
 * the current step, the sticky price summary and the conflict dialog, all
 * driven by one configurator actor running in the browser (every click is
 * answered by the engine locally, no round trip).
 *
 * The configuration lives in the address and in sessionStorage (see
 * use-configuration-address), so a reload or the back button finds it again.
 */
import { useActorRef, useSelector } from "@xstate/react";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { localize, type Language, type Market, type ProductLine } from "~/domain/catalog";
import type { PriceBreakdown, Problem, ShippedPairTable } from "~/domain/engine";
import type { EngineState } from "~/domain/configurator.engine";
import { configuratorWithIo, type ConfiguratorStep } from "~/domain/configurator.machine";
import type { AssociationRule } from "~/domain/recommend";
import {
  selectConflict,
  selectDropped,
  selectIsComplete,
  selectPrice,
  selectProblems,
  selectReason,
  selectStatus,
  selectStep,
} from "~/domain/configurator.selectors";
import { configureHref } from "~/domain/forms/configuration";
import { describeReason } from "~/domain/configuration-view";
import type { CameraPreset } from "~/scene/camera-presets";
import { formatMoney } from "~/utils/money";
import { saveConfiguration } from "./api-client";
import { stepsOf, type StepView } from "./configurator-model";
import { ConfiguratorStage } from "./ConfiguratorStage";
import { ConflictDialog } from "./ConflictDialog";
import { workerEngine } from "./engine-channel";
import { ConfiguratorProvider, signedMoney, useStepName, type ConfiguratorActor } from "./context";
import { DeliveryEstimate } from "~/components/delivery/DeliveryEstimate";
import { HistoryControls } from "./HistoryControls";
import { PriceSummary } from "./PriceSummary";
import { RepairNotice } from "./RepairNotice";
import { StepPanel } from "./StepPanel";
import { StepTabs, tabId } from "./StepTabs";
import { SummaryStep } from "./SummaryStep";
import { useConfigurationAddress } from "./use-configuration-address";
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
  /** "Customers who chose … often add …": the line's rules, shown in each step (none by default). */
  rules?: readonly AssociationRule[];
  /**
   * Recompute off the main thread (a Web Worker; see ConfiguratorInput.offThread), starting
   * from `engine`, the server's answer for `initial` when it has one (so the page neither
   * computes it again nor renders differently from the server). The worker gets the line's
   * pair table.
   */
  offThread?: { engine: EngineState | null; pairTable: ShippedPairTable | null };
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
  const { line, version, market, initial, offThread } = props;
  const pairTable = offThread?.pairTable ?? null;
  const logic = useMemo(
    () =>
      configuratorWithIo({
        saveConfiguration: (input, signal) => saveConfiguration(input, signal),
        ...(offThread && { engine: workerEngine(line, pairTable) }),
      }),
    // One actor per mount (the page keys the configurator by line and start).
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  );
  const actor = useActorRef(logic, {
    input: {
      line,
      catalogVersion: version,
      market,
      choices: initial.choices,
      texts: initial.texts,
      ...(offThread && { offThread: true, ...(offThread.engine && { engine: offThread.engine }) }),
    },
  });
  const env = useMemo(() => ({ actor, line, language: props.language, rules: props.rules }), [actor, line, props.language, props.rules]);

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
  const stepName = useStepName();
  const status = useSelector(actor, selectStatus);
  const choices = useSelector(actor, (s) => s.context.choices);
  const texts = useSelector(actor, (s) => s.context.texts);
  const market = useSelector(actor, (s) => s.context.market);
  const breakdown = useSelector(actor, selectPrice);
  const complete = useSelector(actor, selectIsComplete);
  const problems = useSelector(actor, selectProblems);
  const conflict = useSelector(actor, selectConflict);
  const dropped = useSelector(actor, selectDropped);
  const pending = useSelector(actor, (s) => s.context.pending);

  const steps = stepsOf(line);
  const stepView = useCurrentStep(actor, steps);
  const step = stepView.step;
  const money = useCallback((minor: number) => formatMoney(minor, market, language), [market, language]);
  const href = configureHref(line.code, choices, texts);
  useConfigurationAddress(address ? address(choices, texts) : href, { line: line.code, version, choices, texts });
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
  const missing = problems.filter((p) => p.code === "missing-required" || p.code === "too-few");

  return (
    <div className="configurator" data-status={status} data-pending={pending || undefined} aria-busy={pending || undefined} data-testid="configurator">
      <div className="configurator__top">
        <div>
          <h1>{localize(line.name, language)}</h1>
          {line.description ? <p className="muted configurator__description">{localize(line.description, language)}</p> : null}
        </div>
        <HistoryControls />
        <p className="configurator__pending muted" role="status">
          {pending ? t("configurator.updating") : null}
        </p>
      </div>

      {dropped.length > 0 ? (
        <p className="notice" role="status">
          {t("configurator.dropped", { codes: dropped.join(", ") })}
        </p>
      ) : null}

      <RepairNotice />

      <div className="configurator__layout">
        <div className="configurator__main">
          <ConfiguratorStage camera={camera} onCameraChange={setCamera} />
          <StepTabs steps={stepTabs(steps, problems, complete)} current={step} onSelect={goTo} panelId={PANEL_ID} />
          <section id={PANEL_ID} className="step-panel" role="tabpanel" aria-labelledby={tabId(step)} data-step={step}>
            <h2 className="step-panel__title">{stepName(step)}</h2>
            {step === "summary" ? (
              <SummaryStep steps={steps} missing={missing} goTo={goTo} customerActions={!renderActions} href={href} version={version} signedIn={signedIn} />
            ) : (
              <StepPanel view={stepView} />
            )}
            <StepNav steps={steps} current={step} goTo={goTo} />
          </section>
        </div>

        {/* Quoting (renderActions: the dealer's discount follows), the summary is the list price, not what the customer pays. */}
        <PriceSummary line={line} language={language} breakdown={breakdown} formatMoney={money} complete={complete} missing={missing.length} listPrice={Boolean(renderActions)}>
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

/** The step on show; it survives the conflict dialog and saving (the machine is then outside "editing"). */
function useCurrentStep(actor: ConfiguratorActor, steps: StepView[]): StepView {
  const machineStep = useSelector(actor, selectStep);
  const lastStep = useRef<ConfiguratorStep>("trim");
  if (machineStep) lastStep.current = machineStep;
  return steps.find((s) => s.step === lastStep.current) ?? steps[0];
}

/** Each step as a tab: the summary is done when the configuration is complete, another step when none of its features has a problem. */
function stepTabs(steps: StepView[], problems: Problem[], complete: boolean) {
  const hasProblem = (view: StepView) => {
    const codes = new Set(view.features.map((f) => f.code));
    return problems.some((p) => FEATURE_PROBLEMS.has(p.code) && p.target !== undefined && codes.has(p.target));
  };
  return steps.map((s) => ({ step: s.step, done: s.step === "summary" ? complete : !hasProblem(s) }));
}

/** Buttons to the previous and the next step, under the step's panel. */
function StepNav({ steps, current, goTo }: { steps: StepView[]; current: ConfiguratorStep; goTo: (step: ConfiguratorStep) => void }) {
  const { t } = useTranslation();
  const stepName = useStepName();
  const index = steps.findIndex((s) => s.step === current);
  const next = steps[index + 1]?.step;
  const previous = steps[index - 1]?.step;
  return (
    <div className="step-panel__nav">
      {previous ? (
        <button type="button" className="button button--secondary" onClick={() => goTo(previous)}>
          {t("configurator.steps.previous", { step: stepName(previous) })}
        </button>
      ) : (
        <span />
      )}
      {next ? (
        <button type="button" className="button" onClick={() => goTo(next)}>
          {t("configurator.steps.next", { step: stepName(next) })}
        </button>
      ) : null}
    </div>
  );
}

function reasonView(actor: ConfiguratorActor, line: ProductLine, language: Language, code: string) {
  const reason = selectReason(code)(actor.getSnapshot());
  return reason ? describeReason(line, reason, language) : null;
}
