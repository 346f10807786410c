/**
 * Save (signed-in customers: a name, then the account's list) and Share (a
 * short code anyone can open). Signed-out visitors get a sign-in link that
 * comes back to this very configuration.
 */
import { Link } from "@remix-run/react";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { formatShareCode } from "~/domain/forms/configuration";

export interface SaveSharePanelProps {
  signedIn: boolean;
  /** /login?redirectTo=<this configuration>. */
  loginHref: string;
  saving: boolean;
  /** The name it was last saved under in this visit. */
  savedName: string | null;
  saveError: string | null;
  onSave: (name: string) => void;
  onShare: () => Promise<{ code: string; url: string }>;
  /** Suggested name for the save field. */
  defaultName: string;
}

type ShareState = { kind: "idle" } | { kind: "sharing" } | { kind: "shared"; code: string; url: string } | { kind: "failed" };

export function SaveSharePanel({ signedIn, loginHref, saving, savedName, saveError, onSave, onShare, defaultName }: SaveSharePanelProps) {
  const { t } = useTranslation();
  const id = useId();
  const [name, setName] = useState(defaultName);
  const [share, setShare] = useState<ShareState>({ kind: "idle" });

  const shareNow = async () => {
    setShare({ kind: "sharing" });
    try {
      const shared = await onShare();
      setShare({ kind: "shared", ...shared });
    } catch {
      setShare({ kind: "failed" });
    }
  };

  return (
    <div className="save-share">
      <section className="save-share__save" aria-labelledby={`${id}-save`}>
        <h3 id={`${id}-save`}>{t("configurator.save.title")}</h3>
        {signedIn ? (
          <form
            className="save-share__form"
            onSubmit={(e) => {
              e.preventDefault();
              if (name.trim()) onSave(name.trim());
            }}
          >
            <div className="field">
              <label htmlFor={`${id}-name`}>{t("configurator.save.name")}</label>
              <input id={`${id}-name`} value={name} maxLength={100} required onChange={(e) => setName(e.currentTarget.value)} />
            </div>
            <button type="submit" className="button" disabled={saving || name.trim() === ""}>
              {saving ? t("configurator.save.saving") : t("configurator.save.submit")}
            </button>
          </form>
        ) : (
          <p>
            <Link to={loginHref} className="button button--secondary">
              {t("configurator.save.signIn")}
            </Link>
          </p>
        )}
        <div aria-live="polite" className="save-share__status">
          {savedName ? (
            <p data-testid="saved">
              {t("configurator.save.saved", { name: savedName })} <Link to="/account/configurations">{t("configurator.save.open")}</Link>
            </p>
          ) : null}
          {saveError ? (
            <p className="field__error" role="alert">
              {t("configurator.save.failed")}
            </p>
          ) : null}
        </div>
      </section>
      <section className="save-share__share" aria-labelledby={`${id}-share`}>
        <h3 id={`${id}-share`}>{t("configurator.share.title")}</h3>
        <button type="button" className="button button--secondary" onClick={shareNow} disabled={share.kind === "sharing"}>
          {share.kind === "sharing" ? t("configurator.share.sharing") : t("configurator.share.submit")}
        </button>
        <div aria-live="polite">
          {share.kind === "shared" ? (
            <p className="share-code">
              {t("configurator.share.code")}{" "}
              <Link to={share.url} data-testid="share-code" data-code={share.code} className="share-code__value">
                {formatShareCode(share.code)}
              </Link>
            </p>
          ) : null}
          {share.kind === "failed" ? (
            <p className="field__error" role="alert">
              {t("configurator.share.failed")}
            </p>
          ) : null}
        </div>
      </section>
    </div>
  );
}
