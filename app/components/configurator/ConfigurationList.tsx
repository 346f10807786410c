/**
 * Everything chosen, grouped by feature (groupConfiguration), with codes: the
 * summary step and the review page both list a configuration this way. Values
 * a package brings are listed under their own feature, marked as included.
 */
import { useTranslation } from "react-i18next";
import type { ConfigurationGroup } from "~/domain/configuration-view";

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
