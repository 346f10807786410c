/**
 * The steps as tabs (WAI-ARIA tabs pattern): free to jump, arrow keys move
 * between tabs, Home/End to the ends. Each tab says whether its step still
 * needs a choice.
 */
import { useRef } from "react";
import { useTranslation } from "react-i18next";
import type { ConfiguratorStep } from "~/domain/configurator.machine";
import { useStepName } from "./context";

export interface StepTabsProps {
  steps: { step: ConfiguratorStep; done: boolean }[];
  current: ConfiguratorStep;
  onSelect: (step: ConfiguratorStep) => void;
  panelId: string;
}

export const tabId = (step: ConfiguratorStep) => `step-tab-${step}`;

export function StepTabs({ steps, current, onSelect, panelId }: StepTabsProps) {
  const { t } = useTranslation();
  const name = useStepName();
  const list = useRef<HTMLDivElement>(null);
  const move = (index: number) => {
    const target = steps[(index + steps.length) % steps.length].step;
    onSelect(target);
    list.current?.querySelector<HTMLElement>(`#${tabId(target)}`)?.focus();
  };
  const onKeyDown = (event: React.KeyboardEvent) => {
    const index = steps.findIndex((s) => s.step === current);
    if (event.key === "ArrowRight" || event.key === "ArrowDown") move(index + 1);
    else if (event.key === "ArrowLeft" || event.key === "ArrowUp") move(index - 1);
    else if (event.key === "Home") move(0);
    else if (event.key === "End") move(steps.length - 1);
    else return;
    event.preventDefault();
  };
  return (
    <div ref={list} className="step-tabs" role="tablist" aria-label={t("configurator.steps.label")} onKeyDown={onKeyDown}>
      {steps.map(({ step, done }, i) => (
        <button
          key={step}
          id={tabId(step)}
          type="button"
          role="tab"
          aria-selected={step === current}
          aria-controls={panelId}
          tabIndex={step === current ? 0 : -1}
          className="step-tab"
          data-step={step}
          data-done={done}
          onClick={() => onSelect(step)}
        >
          <span className="step-tab__number" aria-hidden="true">
            {i + 1}
          </span>
          <span className="step-tab__label">{name(step)}</span>
          {step !== "summary" ? <span className="visually-hidden">{done ? t("configurator.steps.done") : t("configurator.steps.open")}</span> : null}
        </button>
      ))}
    </div>
  );
}
