/**
 * Everything chosen, grouped by feature, with codes: the summary step and the
 * review page both list a configuration this way. Values a package brings are
 * listed under their own feature, marked as included.
 */
import { useTranslation } from "react-i18next";
import { localize, type Language, type ProductLine } from "~/domain/catalog";
import { effectiveChoices } from "~/domain/engine";
import { valueName } from "./configurator-model";

export interface ConfigurationGroup {
  feature: string;
  name: string;
  items: { code: string; name: string; includedIn?: string; includedInCode?: string }[];
}

/** The configuration grouped by feature in catalog order (personalization texts as their own groups). */
export function groupConfiguration(
  line: ProductLine,
  choices: readonly string[],
  texts: Readonly<Record<string, string>>,
  language: Language,
): ConfigurationGroup[] {
  const effective = new Set(effectiveChoices(line, choices));
  const includedBy = new Map<string, string>();
  for (const f of line.features)
    if (f.kind !== "text")
      for (const v of f.values) if (effective.has(v.code)) for (const inc of v.includes) if (!includedBy.has(inc)) includedBy.set(inc, v.code);
  const groups: ConfigurationGroup[] = [];
  for (const f of line.features) {
    if (f.kind === "text") {
      const text = texts[f.code];
      if (text) groups.push({ feature: f.code, name: localize(f.name, language), items: [{ code: f.code, name: `\u201c${text}\u201d` }] });
      continue;
    }
    const items = f.values
      .filter((v) => effective.has(v.code))
      .map((v) => {
        const pkg = includedBy.get(v.code);
        return { code: v.code, name: localize(v.name, language), ...(pkg ? { includedIn: valueName(line, pkg, language), includedInCode: pkg } : {}) };
      });
    if (items.length > 0) groups.push({ feature: f.code, name: localize(f.name, language), items });
  }
  return groups;
}

export function ConfigurationList({ groups }: { groups: ConfigurationGroup[] }) {
  const { t } = useTranslation();
  if (groups.length === 0) return <p className="muted">{t("configurator.summary.empty")}</p>;
  return (
    <dl className="configuration-list" data-testid="configuration-list">
      {groups.map((group) => (
        <div key={group.feature} className="configuration-list__group" data-feature={group.feature}>
          <dt>{group.name}</dt>
          {group.items.map((item) => (
            <dd key={item.code} data-code={item.code}>
              <span className="configuration-list__name">{item.name}</span> <span className="code">{item.code}</span>
              {item.includedIn ? <span className="configuration-list__note">{t("configurator.value.includedIn", { name: item.includedIn })}</span> : null}
            </dd>
          ))}
        </div>
      ))}
    </dl>
  );
}
