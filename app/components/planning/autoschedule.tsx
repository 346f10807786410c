import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList } from "~/components/forms";

/** "Schedule all unscheduled": the button, which says it is running while its post is under way. */
export function AutoscheduleButton() {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === "autoschedule";
  return (
    <Form method="post" className="planning__autoschedule">
      <button type="submit" name="intent" value="autoschedule" className="button" disabled={busy}>
        {busy ? t("queue.autoschedule.running") : t("queue.autoschedule.button")}
      </button>
    </Form>
  );
}

type AutoscheduleResult = { ok: true; scheduled: { number: string; buildDate: string }[]; unplaced: string[] } | { ok: false; message: string };

/** What the scheduler did (how many it placed, which found no day), or why the post was refused. */
export function AutoscheduleNotice({ result }: { result: AutoscheduleResult | undefined }) {
  const { t } = useTranslation();
  if (!result) return null;
  if (!result.ok) return <ErrorList errors={[result.message]} className="form-error" />;
  return (
    <div className="planning__notice" role="status">
      <p>{t("queue.autoschedule.result", { n: result.scheduled.length })}</p>
      {result.unplaced.length > 0 ? <p>{t("queue.autoschedule.unplaced", { numbers: result.unplaced.join(", ") })}</p> : null}
    </div>
  );
}
