/**
 * A quote in the configurator: the customers' configurator (same machine,
 * same engine) with the dealer's discount and "save quote" in its price
 * summary. The discounted price, the dealer's cap and whether a sales manager
 * must approve follow every change, computed with the same domain functions
 * the server uses.
 *
 * The draft (configuration and discount) is kept on the device while editing;
 * a save that can't reach the server is kept as pending and sent again when
 * the connection returns (see quote-drafts.ts and the routes' clientAction).
 */
import { Form, useActionData, useNavigation, useSubmit } from "@remix-run/react";
import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Configurator, type ConfiguratorActionsView } from "~/components/configurator/Configurator";
import type { Language, Market, ProductLine } from "~/domain/catalog";
import { parseDiscount } from "~/domain/forms/dealer";
import { applyDiscount, needsApproval, type DiscountKind } from "~/domain/quotes";
import { browserDraftStore, draftDiffers, type DraftStore } from "./quote-drafts";
import { DiscountKindChoice, DiscountValueField, JustificationField } from "./QuoteDiscountFields";
import { QuoteHiddenFields, QuoteSaveButtons } from "./QuoteFormFields";
import { QuotePriceTable } from "./QuotePriceTable";
import { IncompleteNotice, QuoteFormErrors, SaveWarning } from "./QuoteSaveStatus";

/** A layout effect in the browser (none on the server, where it would only warn). */
const useBrowserLayoutEffect = typeof document === "undefined" ? useEffect : useLayoutEffect;

/** Call `resubmit` when the browser comes back online, while something waits to be sent. */
export function useResubmitWhenOnline(waiting: boolean, resubmit: () => void): void {
  const latest = useRef(resubmit);
  latest.current = resubmit;
  useEffect(() => {
    if (!waiting) return;
    const onOnline = () => latest.current();
    window.addEventListener("online", onOnline);
    return () => window.removeEventListener("online", onOnline);
  }, [waiting]);
}

export interface QuoteEditorProps {
  line: ProductLine;
  version: string;
  market: Market;
  language: Language;
  initial: { choices: string[]; texts: Record<string, string> };
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
}

type ActionReply = { offline?: true; status?: string; code?: string; error?: Record<string, string[] | null> } | undefined;

export function QuoteEditor(props: QuoteEditorProps) {
  const { t } = useTranslation();
  const { line, draftKey, expectedLock } = props;
  const store = useMemo(() => props.store ?? browserDraftStore(), [props.store]);
  const [start, setStart] = useState({ generation: 0, ...props.initial });
  const [kind, setKind] = useState<DiscountKind>(props.initialDiscount.kind);
  const [value, setValue] = useState(props.initialDiscount.value);
  const [restored, setRestored] = useState<{ pending: boolean } | null>(null);
  const reply = useActionData() as ActionReply;
  const formRef = useRef<HTMLFormElement>(null);
  const submit = useSubmit();

  // Opened again with a draft on this device: continue it (before the editor's own effect stores the start).
  useBrowserLayoutEffect(() => {
    const draft = store.load(draftKey);
    if (!draft || draft.line !== line.code) return;
    if (expectedLock !== undefined && draft.expectedLock !== expectedLock) {
      // The quote changed on the server since: the draft is of an older state.
      store.clear(draftKey);
      return;
    }
    if (!draftDiffers(draft, { ...props.initial, discountKind: props.initialDiscount.kind, discountValue: props.initialDiscount.value }) && !draft.pending) return;
    setStart((s) => ({ generation: s.generation + 1, choices: draft.choices, texts: draft.texts }));
    setKind(draft.discountKind);
    setValue(draft.discountValue);
    setRestored({ pending: draft.pending });
    // Only when the page opens (draftKey names the quote or the customer and line).
  }, [draftKey]);

  const offline = reply?.offline === true;
  useResubmitWhenOnline(offline, () => {
    if (formRef.current) submit(formRef.current, { method: "post" });
  });

  const discardDraft = () => {
    store.clear(draftKey);
    setStart((s) => ({ generation: s.generation + 1, ...props.initial }));
    setKind(props.initialDiscount.kind);
    setValue(props.initialDiscount.value);
    setRestored(null);
  };

  return (
    <div className="quote-editor">
      <p className="quote-editor__subtitle" data-testid="quote-subtitle">
        {props.subtitle}
      </p>
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
        address={props.address}
        renderActions={(view) => (
          <QuoteActions
            view={view}
            kind={kind}
            value={value}
            onKind={setKind}
            onValue={setValue}
            props={props}
            store={store}
            reply={reply}
            offline={offline}
            formRef={formRef}
          />
        )}
      />
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
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const id = useId();
  const { draftKey, expectedLock, capBasisPoints, language, line } = props;
  useKeepDraft(store, draftKey, { line: line.code, view, kind, value, expectedLock });
  const { parsed, quoted, approval, formErrors, discountErrors, justificationErrors, stale } = discountState(kind, value, view, capBasisPoints, reply);
  const submitting = navigation.state === "submitting";

  return (
    <Form method="post" ref={formRef} className="quote-actions" aria-labelledby={`${id}-title`} data-testid="quote-actions">
      <h3 id={`${id}-title`} className="quote-actions__title">
        {t("quotes.discount.title")}
      </h3>
      <QuoteHiddenFields line={line.code} choices={view.choices} texts={view.texts} expectedLock={expectedLock} customerId={props.customerId} />

      <DiscountKindChoice kind={kind} onKind={onKind} />
      <DiscountValueField id={id} kind={kind} value={value} onValue={onValue} currency={view.breakdown.currency} errors={discountErrors} capBasisPoints={capBasisPoints} />

      {quoted ? <QuotePriceTable quoted={quoted} market={view.market} language={language} /> : null}
      {approval ? <SaveWarning kind="needs-approval" /> : null}
      {approval ? <JustificationField id={id} defaultValue={props.initialJustification ?? ""} errors={justificationErrors} /> : null}

      <QuoteFormErrors errors={formErrors} stale={stale} reloadHref={props.backHref} />
      {offline ? <SaveWarning kind="offline" /> : null}
      {!view.complete ? <IncompleteNotice /> : null}

      <QuoteSaveButtons disabled={!view.complete || !parsed.ok || submitting} submitting={submitting} backHref={props.backHref} />
    </Form>
  );
}

/** Every change is kept on the device. */
function useKeepDraft(
  store: DraftStore,
  draftKey: string,
  { line, view, kind, value, expectedLock }: { line: string; view: ConfiguratorActionsView; kind: DiscountKind; value: string; expectedLock?: number },
): void {
  const choicesKey = view.choices.join(",");
  const textsKey = JSON.stringify(view.texts);
  useEffect(() => {
    store.save(draftKey, { line, choices: view.choices, texts: view.texts, discountKind: kind, discountValue: value, ...(expectedLock !== undefined ? { expectedLock } : {}) });
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
