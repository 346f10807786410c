/**
 * A quote in the configurator: the customers' configurator (same machine,
 * same engine) with the dealer's discount and "save quote" in its price
 * summary. The discounted price, the dealer's cap and whether a sales manager
 * must approve follow every change, computed with the same domain functions
 * the server uses.
 *
 * The draft (configuration and discount) is kept on the device while editing.
 * A save that can't reach the server is kept as pending and says so; it is
 * sent by itself when the connection returns (the `online` event, or a retry
 * while the browser believes it is online), and when the page is opened again
 * with it. When the draft and another version disagree — the quote changed on
 * the server since the draft's base, or the page was opened with another
 * configuration (a share code) — the dealer sees both and chooses; nothing is
 * dropped before that (see quote-drafts.ts, DraftChoice.tsx and the routes'
 * clientAction).
 */
import { Form, useActionData, useNavigate, useNavigation, useRevalidator, useSubmit } from "@remix-run/react";
import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Configurator, type ConfiguratorActionsView, type ConfiguratorProps } from "~/components/configurator/Configurator";
import type { Language, Market, ProductLine } from "~/domain/catalog";
import { parseDiscount, type QuoteOnServer } from "~/domain/forms/dealer";
import { applyDiscount, needsApproval, type DiscountKind } from "~/domain/quotes";
import { isOfflineResult } from "~/utils/connection";
import { routerIdle, whenRouterIdle } from "~/utils/router-idle";
import { DraftChoicePanel, type DraftChoice } from "./DraftChoice";
import { browserDraftStore, configurationDiffers, draftDiffers, type DraftStore, type QuoteContent } from "./quote-drafts";
import { DiscountKindChoice, DiscountValueField, JustificationField } from "./QuoteDiscountFields";
import { QuoteHiddenFields, QuoteSaveButtons } from "./QuoteFormFields";
import { QuotePriceTable } from "./QuotePriceTable";
import { IncompleteNotice, QuoteFormErrors, SaveWarning } from "./QuoteSaveStatus";

/** A layout effect in the browser (none on the server, where it would only warn). */
const useBrowserLayoutEffect = typeof document === "undefined" ? useEffect : useLayoutEffect;

/** How often a waiting save is tried again while the browser believes it is online (a dropped Wi-Fi may never fire `online`). */
export const RESEND_INTERVAL_MS = 15_000;

/**
 * Call `resend` while something waits to be sent: when the browser comes
 * back online, and every `intervalMs` while it believes it is online.
 */
export function useResubmitWhenOnline(waiting: boolean, resend: () => void, intervalMs = RESEND_INTERVAL_MS): void {
  const latest = useRef(resend);
  latest.current = resend;
  useEffect(() => {
    if (!waiting) return;
    const onOnline = () => latest.current();
    const retry = window.setInterval(() => {
      if (navigator.onLine) latest.current();
    }, intervalMs);
    window.addEventListener("online", onOnline);
    return () => {
      window.clearInterval(retry);
      window.removeEventListener("online", onOnline);
    };
  }, [waiting, intervalMs]);
}

export interface QuoteEditorProps {
  line: ProductLine;
  version: string;
  market: Market;
  language: Language;
  initial: { choices: string[]; texts: Record<string, string> };
  /**
   * Where `initial` comes from: the quote as saved ("quote"; a draft of the
   * same base continues it) or the page's address ("address": a share code, a
   * saved configuration, a link; a draft of another configuration is asked about).
   */
  openedWith: "quote" | "address";
  initialDiscount: { kind: DiscountKind; value: string };
  /** The justification of the version being changed, if it had one. */
  initialJustification?: string;
  capBasisPoints: number;
  draftKey: string;
  /** Editing an existing quote: the lock the page was loaded with. */
  expectedLock?: number;
  /** A new quote: the customer it is for. */
  customerId?: string;
  /** The address kept in the location bar for a configuration. */
  address: (choices: string[], texts: Record<string, string>) => string;
  /** Whose quote this is ("Quote for Jonas Meyer", "Q-0000042, version 3"). */
  subtitle: string;
  /** Where "cancel" goes. */
  backHref: string;
  /** Injected in tests; the browser's localStorage otherwise. */
  store?: DraftStore;
  /** Large lines: recompute in a Web Worker, from the server's answer for `initial` (see Configurator). */
  offThread?: ConfiguratorProps["offThread"];
}

export type ActionReply = { offline?: true; status?: string; code?: string; error?: Record<string, string[] | null>; server?: QuoteOnServer } | undefined;

const hasConfiguration = (c: Pick<QuoteContent, "choices" | "texts">) => c.choices.length > 0 || Object.keys(c.texts).length > 0;

export function QuoteEditor(props: QuoteEditorProps) {
  const { t } = useTranslation();
  const { line, draftKey } = props;
  const store = useMemo(() => props.store ?? browserDraftStore(), [props.store]);
  const opened: QuoteContent = { ...props.initial, discountKind: props.initialDiscount.kind, discountValue: props.initialDiscount.value };
  const [start, setStart] = useState({ generation: 0, ...props.initial });
  const [kind, setKind] = useState<DiscountKind>(props.initialDiscount.kind);
  const [value, setValue] = useState(props.initialDiscount.value);
  /** The quote's lock the work is based on (the form's expectedLock). */
  const [lock, setLock] = useState(props.expectedLock);
  const [restored, setRestored] = useState<{ pending: boolean } | null>(null);
  const [choice, setChoice] = useState<DraftChoice | null>(null);
  /** The device's draft was looked at: only then may the editor store its own (else its first render overwrites the draft it is about to ask about). */
  const [draftChecked, setDraftChecked] = useState(false);
  /** Send the form once it shows what was chosen (a restored pending save, or "keep mine" of one). */
  const [sendNow, setSendNow] = useState(false);
  const actionReply = useActionData() as ActionReply;
  /** A reply already answered by the dealer's choice no longer speaks for the form. */
  const [answered, setAnswered] = useState<ActionReply>(undefined);
  const reply = actionReply === answered ? undefined : actionReply;
  const formRef = useRef<HTMLFormElement>(null);
  const submit = useSubmit();
  const navigation = useNavigation();
  const navigate = useNavigate();
  const revalidator = useRevalidator();

  const begin = (content: QuoteContent) => {
    setStart((s) => ({ generation: s.generation + 1, choices: content.choices, texts: content.texts }));
    setKind(content.discountKind);
    setValue(content.discountValue);
  };

  // Opened again with a draft on this device: continue it, or ask when another version disagrees (before the editor's own effect stores the start).
  useBrowserLayoutEffect(() => {
    setDraftChecked(true);
    const draft = store.load(draftKey);
    if (!draft || draft.line !== line.code) return;
    if (!draftDiffers(draft, opened) && !draft.pending) return;
    const changedOnServer = props.expectedLock !== undefined && draft.expectedLock !== props.expectedLock;
    if (changedOnServer && !draftDiffers(draft, opened)) {
      // The server already has what the draft holds (its save got through, the answer didn't): nothing to choose.
      store.clear(draftKey);
      return;
    }
    const openedWithOther = props.openedWith === "address" && hasConfiguration(opened) && configurationDiffers(draft, opened);
    if (changedOnServer || openedWithOther) {
      setChoice({ reason: changedOnServer ? "changed-on-server" : "opened-with-other", mine: draft, theirs: { ...opened, lock: props.expectedLock }, pending: draft.pending });
      return;
    }
    begin(draft);
    setRestored({ pending: draft.pending });
    if (draft.pending) setSendNow(true);
    // Only when the page opens (draftKey names the quote or the customer and line).
  }, [draftKey]);

  // The save was refused because the quote changed meanwhile: show the dealer both.
  useEffect(() => {
    if (reply?.code !== "stale" || !reply.server) return;
    const draft = store.load(draftKey);
    if (!draft) return;
    if (!draftDiffers(draft, reply.server)) {
      // An earlier send got through though its answer was lost: the quote already is what the dealer saved.
      store.clear(draftKey);
      // Not over a request under way (the router would abort it; see router-idle.ts).
      return whenRouterIdle(() => navigate(props.backHref));
    }
    setChoice({ reason: "changed-on-server", mine: draft, theirs: { ...reply.server }, pending: true });
    // Once per reply (navigate and backHref don't change what the reply means).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [reply, store, draftKey]);

  const offline = isOfflineResult(reply) && !choice;
  useResubmitWhenOnline(offline, () => {
    // Not while a send is on its way: a second one would abort the first, which may have reached the server already and
    // then meets the second's save as "changed meanwhile". The router knows before the page has rendered it (router-idle.ts).
    if (formRef.current && navigation.state === "idle" && routerIdle()) submit(formRef.current, { method: "post" });
  });

  const settle = (content: QuoteContent) => {
    setLock(choice?.theirs.lock ?? lock);
    setChoice(null);
    setRestored(null);
    setAnswered(actionReply);
    begin(content);
  };
  const keepMine = () => {
    if (!choice) return;
    settle(choice.mine);
    if (choice.pending) setSendNow(true);
  };
  const keepTheirs = () => {
    if (!choice) return;
    store.clear(draftKey);
    settle(choice.theirs);
    // A version saved by someone else: the page's own data (its version in the subtitle) catches up.
    if (choice.reason === "changed-on-server") revalidator.revalidate();
  };

  const discardDraft = () => {
    store.clear(draftKey);
    setRestored(null);
    begin(opened);
  };

  return (
    <div className="quote-editor">
      <p className="quote-editor__subtitle" data-testid="quote-subtitle">
        {props.subtitle}
      </p>
      {choice ? (
        <DraftChoicePanel choice={choice} line={line} market={props.market} language={props.language} onKeepMine={keepMine} onKeepTheirs={keepTheirs} />
      ) : (
        <>
          {restored ? (
            <div className="notice dealer-notice" role="status" data-testid="draft-restored">
              <p>{restored.pending ? t("quotes.draft.restoredPending") : t("quotes.draft.restored")}</p>
              <button type="button" className="button button--secondary dealer-target" onClick={discardDraft}>
                {t("quotes.draft.discard")}
              </button>
            </div>
          ) : null}
          <Configurator
            key={`${line.code}@${props.version}#${start.generation}`}
            line={line}
            version={props.version}
            language={props.language}
            market={props.market}
            initial={start}
            signedIn
            // The server's first answer fits `initial` only: a restored draft is computed anew.
            offThread={props.offThread && { ...props.offThread, engine: start.generation === 0 ? props.offThread.engine : null }}
            address={props.address}
            renderActions={(view) => (
              <QuoteActions
                view={view}
                kind={kind}
                value={value}
                onKind={setKind}
                onValue={setValue}
                props={props}
                lock={lock}
                store={store}
                keepDraft={draftChecked}
                reply={reply}
                offline={offline}
                formRef={formRef}
                sendNow={sendNow}
                onSent={() => setSendNow(false)}
              />
            )}
          />
        </>
      )}
    </div>
  );
}

function QuoteActions({
  view,
  kind,
  value,
  onKind,
  onValue,
  props,
  store,
  reply,
  offline,
  formRef,
  lock,
  keepDraft,
  sendNow,
  onSent,
}: {
  view: ConfiguratorActionsView;
  kind: DiscountKind;
  value: string;
  onKind: (k: DiscountKind) => void;
  onValue: (v: string) => void;
  props: QuoteEditorProps;
  store: DraftStore;
  reply: ActionReply;
  offline: boolean;
  formRef: React.RefObject<HTMLFormElement>;
  lock: number | undefined;
  keepDraft: boolean;
  sendNow: boolean;
  onSent: () => void;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const submit = useSubmit();
  const id = useId();
  const { draftKey, capBasisPoints, language, line } = props;
  useKeepDraft(keepDraft ? store : null, draftKey, { line: line.code, view, kind, value, expectedLock: lock });
  // Runs once the form shows the chosen draft (this component mounts with it).
  useEffect(() => {
    const form = formRef.current;
    if (!sendNow || !form) return;
    // Not over a request under way (the router would abort it; see router-idle.ts).
    return whenRouterIdle(() => {
      onSent();
      submit(form, { method: "post" });
    });
  }, [sendNow, formRef, onSent, submit]);
  const { parsed, quoted, approval, formErrors, discountErrors, justificationErrors, stale } = discountState(kind, value, view, capBasisPoints, reply);
  const submitting = navigation.state === "submitting";

  return (
    <Form method="post" ref={formRef} className="quote-actions" aria-labelledby={`${id}-title`} data-testid="quote-actions">
      <h3 id={`${id}-title`} className="quote-actions__title">
        {t("quotes.discount.title")}
      </h3>
      <QuoteHiddenFields line={line.code} choices={view.choices} texts={view.texts} expectedLock={lock} customerId={props.customerId} />

      <DiscountKindChoice kind={kind} onKind={onKind} />
      <DiscountValueField id={id} kind={kind} value={value} onValue={onValue} currency={view.breakdown.currency} errors={discountErrors} capBasisPoints={capBasisPoints} />

      {quoted ? <QuotePriceTable price={quoted} language={language} always /> : null}
      {approval ? <SaveWarning kind="needs-approval" /> : null}
      {approval ? <JustificationField id={id} defaultValue={props.initialJustification ?? ""} errors={justificationErrors} /> : null}

      <QuoteFormErrors errors={formErrors} stale={stale} reloadHref={props.backHref} />
      {offline ? <SaveWarning kind="offline" /> : null}
      {!view.complete ? <IncompleteNotice /> : null}

      <QuoteSaveButtons disabled={!view.complete || !parsed.ok || submitting} submitting={submitting} backHref={props.backHref} />
    </Form>
  );
}

/** Every change is kept on the device (once `store` is given: see draftChecked). */
function useKeepDraft(
  store: DraftStore | null,
  draftKey: string,
  { line, view, kind, value, expectedLock }: { line: string; view: ConfiguratorActionsView; kind: DiscountKind; value: string; expectedLock?: number },
): void {
  const choicesKey = view.choices.join(",");
  const textsKey = JSON.stringify(view.texts);
  useEffect(() => {
    store?.save(draftKey, { line, choices: view.choices, texts: view.texts, discountKind: kind, discountValue: value, ...(expectedLock !== undefined ? { expectedLock } : {}) });
    // choicesKey/textsKey stand for view.choices/view.texts (new arrays on every render).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store, draftKey, line, choicesKey, textsKey, kind, value, expectedLock]);
}

/**
 * The discount as typed, read against the configuration's price: the quoted
 * price (when the discount is valid), whether it needs approval, and the
 * errors to show beside the field and above the buttons (the server's last
 * reply included).
 */
function discountState(kind: DiscountKind, value: string, view: ConfiguratorActionsView, capBasisPoints: number, reply: ActionReply) {
  const parsed = parseDiscount(kind, value, view.market, view.breakdown.net);
  const quoted = parsed.ok ? applyDiscount(view.breakdown, parsed.discount) : null;
  const serverErrors = reply?.error ?? {};
  return {
    parsed,
    quoted,
    approval: quoted ? needsApproval(quoted, capBasisPoints) : false,
    formErrors: [...(serverErrors[""] ?? []), ...(serverErrors.choices ?? [])],
    discountErrors: parsed.ok ? (serverErrors.discountValue ?? []) : [parsed.message],
    justificationErrors: serverErrors.justification ?? [],
    stale: reply?.code === "stale",
  };
}
