/**
 * The engine's problems with a configuration, in the reader's language (the
 * review, checkout and change pages show them with a link to edit).
 */
import { useTranslation } from "react-i18next";
import { featureName } from "~/domain/configuration-view";
import { localize, type Language, type ProductLine } from "~/domain/catalog";
import type { Problem } from "~/domain/engine";

type T = ReturnType<typeof useTranslation>["t"];

export function problemText(problem: Problem, line: ProductLine, language: Language, typed: T): string {
  // Plain-string signature (as ErrorList does): i18next's key types are too deep to check here.
  const t = typed as (key: string, options?: Record<string, string>) => string;
  switch (problem.code) {
    case "missing-required":
    case "too-few":
      return t("review.problem.missing", { name: featureName(line, problem.target ?? "", language) });
    case "rule-violated": {
      const rule = line.rules.find((r) => r.id === problem.rule);
      return t("review.problem.rule", { text: rule?.description ? localize(rule.description, language) : (problem.rule ?? problem.message) });
    }
    case "text-invalid":
    case "text-not-allowed":
      return t("review.problem.text", { name: featureName(line, problem.target ?? "", language) });
    case "unknown-code":
      return t("review.problem.unknown", { code: problem.target ?? "" });
    default:
      return t("review.problem.other", { message: problem.message });
  }
}

export function ConfigurationProblems({ problems, line, language }: { problems: readonly Problem[]; line: ProductLine; language: Language }) {
  const { t } = useTranslation();
  return (
    <ul>
      {problems.map((p, i) => (
        <li key={`${p.code}-${p.target ?? ""}-${i}`}>{problemText(p, line, language, t)}</li>
      ))}
    </ul>
  );
}
