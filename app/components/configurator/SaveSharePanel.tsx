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
  /** Whether trying the failed save again can help (a network failure); a refusal (4xx) shows its reason instead. */
  saveRetryable?: boolean;
  /**
   * The catalog rules the configuration breaks, in the reader's words, while it breaks any:
   * saving and sharing are refused here with those rules named (the server would refuse them).
   */
  brokenRules?: string[] | null;
  onSave: (name: string) => void;
  onShare: () => Promise<{ code: string; url: string }>;
  /** Suggested name for the save field. */
  defaultName: string;
}

type ShareState =
  | { kind: "idle" }
  | { kind: "sharing" }
  | { kind: "shared"; code: string; url: string }
  /** Trying again may help (network, server). */
  | { kind: "failed" }
  /** The server refused the request, saying why: trying again can't help. */
  | { kind: "refused"; message: string }
  | { kind: "broken" };

/** A refusal's HTTP status is 4xx (the API client's errors carry it). */
function isRefusal(error: unknown): error is { status: number; message: string } {
  const status = typeof error === "object" && error !== null && "status" in error ? (error as { status: unknown }).status : undefined;
  return typeof status === "number" && status >= 400 && status < 500;
}

export function SaveSharePanel(props: SaveSharePanelProps) {
  const { signedIn, loginHref, saving, savedName, saveError, onSave, onShare, defaultName } = props;
  const { saveRetryable = true, brokenRules = null } = props;
  const { t } = useTranslation();
  const id = useId();
  const [name, setName] = useState(defaultName);
  const [share, setShare] = useState<ShareState>({ kind: "idle" });
  const [saveBlocked, setSaveBlocked] = useState(false);
  const rules = brokenRules?.join(" ") ?? "";

  const shareNow = async () => {
    if (brokenRules) {
      setShare({ kind: "broken" });
      return;
    }
    setShare({ kind: "sharing" });
    try {
      const shared = await onShare();
      setShare({ kind: "shared", ...shared });
    } catch (error) {
      setShare(isRefusal(error) ? { kind: "refused", message: error.message } : { kind: "failed" });
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
              setSaveBlocked(brokenRules !== null);
              if (name.trim() && !brokenRules) onSave(name.trim());
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
          {saveBlocked && brokenRules ? (
            <p className="field__error" role="alert">
              {t("configurator.save.broken", { rules })}
            </p>
          ) : saveError ? (
            <p className="field__error" role="alert">
              {saveRetryable ? t("configurator.save.failed") : t("configurator.save.refused", { message: saveError })}
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
          {share.kind === "refused" ? (
            <p className="field__error" role="alert">
              {t("configurator.share.refused", { message: share.message })}
            </p>
          ) : null}
          {share.kind === "broken" && brokenRules ? (
            <p className="field__error" role="alert">
              {t("configurator.share.broken", { rules })}
            </p>
          ) : null}
        </div>
      </section>
    </div>
  );
}
