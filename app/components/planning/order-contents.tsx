import { useTranslation } from "react-i18next";

interface OrderContents {
  /** The configuration by feature, values in catalog order. */
  groups: { feature: string; values: { code: string; name: string }[] }[];
  texts: { code: string; name: string; text: string }[];
  bom: { module: string; name: string; quantity: number }[];
}

/** What was configured: one row per value, grouped under its feature, then the texts the customer wrote. */
export function ConfigurationTable({ groups, texts }: Pick<OrderContents, "groups" | "texts">) {
  const { t } = useTranslation();
  return (
    <div className="card">
      <h2>{t("queue.detail.configuration")}</h2>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t("queue.detail.feature")}</th>
            <th scope="col">{t("queue.detail.code")}</th>
            <th scope="col">{t("queue.detail.value")}</th>
          </tr>
        </thead>
        <tbody>
          {groups.flatMap((g) =>
            g.values.map((v, i) => (
              <tr key={`${g.feature}-${v.code}`}>
                {i === 0 ? (
                  <th scope="rowgroup" rowSpan={g.values.length}>
                    {g.feature}
                  </th>
                ) : null}
                <td>
                  <code>{v.code}</code>
                </td>
                <td>{v.name}</td>
              </tr>
            )),
          )}
          {texts.map((x) => (
            <tr key={x.code}>
              <th scope="row">{x.name}</th>
              <td>
                <code>{x.code}</code>
              </td>
              <td>{x.text}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The modules production builds the order from. */
export function BomTable({ bom }: Pick<OrderContents, "bom">) {
  const { t } = useTranslation();
  return (
    <div className="card">
      <h2>{t("queue.detail.bom")}</h2>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t("queue.detail.module")}</th>
            <th scope="col">{t("queue.detail.moduleName")}</th>
            <th scope="col" className="num">
              {t("queue.detail.quantity")}
            </th>
          </tr>
        </thead>
        <tbody>
          {bom.map((b) => (
            <tr key={b.module}>
              <td>
                <code>{b.module}</code>
              </td>
              <td>{b.name}</td>
              <td className="num">{b.quantity}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
