/**
 * The catalog analysis report in a catalog manager's words: names instead of
 * codes, rules by their description, features' own limits and packages'
 * contents as sentences. Shows a progress bar while the worker runs.
 */
import { useTranslation } from "react-i18next";
import type { CatalogReport, ExplainedValue, LineReport } from "~/domain/catalog-report";
import type { SlotProof } from "~/domain/engine/bom-proof";

export interface ReportNames {
  lines: Record<string, { name: string; values: Record<string, string>; features: Record<string, string>; rules: Record<string, string> }>;
  slots: Record<string, string>;
  modules: Record<string, string>;
}

export interface AnalysisView {
  status: "running" | "done" | "failed";
  stepsDone: number;
  stepsTotal: number;
  report: CatalogReport | null;
  error: string | null;
}

type T = (key: string, values?: Record<string, unknown>) => string;

/** "Engine «V6» is chosen" style names for the rules a reason names: catalog rules, feature limits, package contents. */
export function useRuleText(names: ReportNames, line: string) {
  const { t } = useTranslation();
  const tt = t as unknown as T;
  const n = names.lines[line];
  return (rule: string) => {
    if (rule.startsWith("feature:")) {
      const code = rule.slice("feature:".length);
      return tt("adminCatalog.report.featureRule", { feature: n?.features[code] ?? code });
    }
    if (rule.startsWith("includes:")) {
      const code = rule.slice("includes:".length);
      return tt("adminCatalog.report.packageRule", { package: n?.values[code] ?? code });
    }
    return tt("adminCatalog.report.catalogRule", { rule: n?.rules[rule] ?? rule, id: rule });
  };
}

export function AnalysisProgress({ analysis }: { analysis: AnalysisView }) {
  const { t } = useTranslation();
  const percent = analysis.stepsTotal === 0 ? 0 : Math.round((analysis.stepsDone / analysis.stepsTotal) * 100);
  return (
    <div className="analysis-progress" data-testid="analysis-progress">
      <label htmlFor="analysis-progress-bar">{t("adminCatalog.report.running", { done: analysis.stepsDone, total: analysis.stepsTotal })}</label>
      <progress id="analysis-progress-bar" max={analysis.stepsTotal} value={analysis.stepsDone}>
        {percent}
      </progress>
    </div>
  );
}

function ValueList({ items, line, names, kind }: { items: ExplainedValue[]; line: string; names: ReportNames; kind: "dead" | "core" }) {
  const { t } = useTranslation();
  const ruleText = useRuleText(names, line);
  const n = names.lines[line];
  if (items.length === 0) return <p className="muted">{t(kind === "dead" ? "adminCatalog.report.noDead" : "adminCatalog.report.noCore")}</p>;
  return (
    <ul className="report-values">
      {items.map((item) => (
        <li key={item.value}>
          <strong>{n?.values[item.value] ?? item.value}</strong> <code>{item.value}</code>
          {item.rules === null ? null : item.rules.length === 0 ? (
            <span className="muted"> {t("adminCatalog.report.becauseStructure")}</span>
          ) : (
            <span>
              {" "}
              {t("adminCatalog.report.because")} {item.rules.map(ruleText).join("; ")}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}

export function SlotProofView({ proof, line, names }: { proof: SlotProof; line: string; names: ReportNames }) {
  const { t } = useTranslation();
  const n = names.lines[line];
  const slot = names.slots[proof.slot] ?? proof.slot;
  if (!proof.counterexample)
    return (
      <li className="proof proof--ok" data-testid={`proof-${line}-${proof.slot}`}>
        {t(proof.required ? "adminCatalog.report.proofRequiredOk" : "adminCatalog.report.proofOptionalOk", { slot })}
      </li>
    );
  const cx = proof.counterexample;
  return (
    <li className="proof proof--broken" data-testid={`proof-${line}-${proof.slot}`}>
      <strong>
        {cx.problem === "missing"
          ? t("adminCatalog.report.proofMissing", { slot })
          : t("adminCatalog.report.proofSeveral", { slot, modules: cx.modules.map((m) => `${m.quantity} × ${names.modules[m.module] ?? m.module}`).join(", ") })}
      </strong>
      <p>
        {t("adminCatalog.report.counterexample")} {cx.choices.map((c) => n?.values[c] ?? c).join(", ")}
      </p>
    </li>
  );
}

function LineSection({ report, names, budgetMs }: { report: LineReport; names: ReportNames; budgetMs: number }) {
  const { t, i18n } = useTranslation();
  const ruleText = useRuleText(names, report.line);
  const n = names.lines[report.line];
  const count =
    report.configurations === null
      ? t("adminCatalog.report.notCounted", { seconds: Math.round(budgetMs / 1000) })
      : t("adminCatalog.report.configurations", { formatted: BigInt(report.configurations).toLocaleString(i18n.language) });
  return (
    <section className="card report-line" aria-labelledby={`report-${report.line}`} data-testid={`report-${report.line}`}>
      <h3 id={`report-${report.line}`}>{n?.name ?? report.line}</h3>
      <p className="report-count">{count}</p>
      {report.conflict ? (
        <div className="form-error" role="alert">
          <p>{t("adminCatalog.report.conflict")}</p>
          <ul>
            {report.conflict.map((r) => (
              <li key={r}>{ruleText(r)}</li>
            ))}
          </ul>
        </div>
      ) : (
        <>
          <h4>{t("adminCatalog.report.deadTitle")}</h4>
          <ValueList items={report.dead} line={report.line} names={names} kind="dead" />
          {report.deadPackages.length > 0 ? (
            <>
              <h4>{t("adminCatalog.report.deadPackagesTitle")}</h4>
              <ul>
                {report.deadPackages.map((p) => (
                  <li key={p.value}>
                    {t("adminCatalog.report.deadPackage", { package: n?.values[p.value] ?? p.value, contents: p.contents.map((c) => n?.values[c] ?? c).join(", ") })}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <h4>{t("adminCatalog.report.coreTitle")}</h4>
          <ValueList items={report.core} line={report.line} names={names} kind="core" />
        </>
      )}
      <h4>{t("adminCatalog.report.bomTitle")}</h4>
      {report.bom.slots.length === 0 ? (
        <p className="muted">{t("adminCatalog.report.noSlots")}</p>
      ) : (
        <ul className="report-proofs">
          {report.bom.slots.map((s) => (
            <SlotProofView key={s.slot} proof={s} line={report.line} names={names} />
          ))}
        </ul>
      )}
    </section>
  );
}

export function CatalogReportView({ analysis, names }: { analysis: AnalysisView | null; names: ReportNames }) {
  const { t } = useTranslation();
  if (!analysis) return <p className="muted">{t("adminCatalog.report.none")}</p>;
  if (analysis.status === "running") return <AnalysisProgress analysis={analysis} />;
  if (analysis.status === "failed" || !analysis.report)
    return (
      <p className="form-error" role="alert">
        {t("adminCatalog.report.failed", { error: analysis.error ?? "" })}
      </p>
    );
  const report = analysis.report;
  return (
    <div className="catalog-report" data-testid="catalog-report">
      {report.lines.map((l) => (
        <LineSection key={l.line} report={l} names={names} budgetMs={report.countBudgetMs} />
      ))}
    </div>
  );
}
