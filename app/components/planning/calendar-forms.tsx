/**
 * The working calendar's pieces on /planning/capacity (decision 024): the
 * form for a line's weekdays, shifts and units per shift, its holidays (add
 * one with a name, open the line again), and the words for a closed day,
 * which the planner's order page uses too when it refuses a build date.
 */
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDay } from "~/components/orders/OrderDetails";
import { MAX_SHIFTS, WEEKDAYS, type ClosedDay } from "~/domain/calendar";
import type { Language } from "~/domain/catalog";

type Values = Record<string, string | number>;

/** What a capacity form answered: an i18n key with its values, and the fields it is about. */
export interface CapacityResult {
  ok: boolean;
  message: string;
  field: string | null;
  fields: Record<string, string>;
  line: string | null;
  values: Values;
}

export function weekdayName(weekday: number, language: Language, width: "long" | "short" = "long"): string {
  // 2024-01-01 was a Monday: weekday n is n − 1 days later.
  return new Intl.DateTimeFormat(language, { weekday: width, timeZone: "UTC" }).format(new Date(Date.UTC(2024, 0, weekday)));
}

/** A message's values in the reader's words: days written their way, `weekday` (a day) as its weekday's name. */
export function useCalendarText(language: Language) {
  const { t, i18n } = useTranslation();
  return (message: string, values: Values = {}) => {
    const shown: Values = { ...values };
    if (typeof shown.weekday === "string") shown.weekday = new Intl.DateTimeFormat(language, { weekday: "long", timeZone: "UTC" }).format(new Date(`${shown.weekday}T00:00:00Z`));
    if (typeof shown.day === "string" && /^\d{4}-\d{2}-\d{2}$/.test(shown.day)) shown.day = formatDay(shown.day, language);
    return i18n.exists(message) ? (t as (key: string, values: Values) => string)(message, shown) : message;
  };
}

/** Why the line is closed on a day, in a few words: the holiday's name, or "not a working day". */
export function ClosedLabel({ closed }: { closed: ClosedDay }) {
  const { t } = useTranslation();
  return <span className="badge badge--closed">{closed.kind === "holiday" ? t("calendar.holiday", { name: closed.name }) : t("calendar.notWorking")}</span>;
}

export function CalendarForm({
  line,
  settings,
  language,
  busy,
  fields,
}: {
  line: string;
  settings: { workingDays: number[]; shifts: number; unitsPerShift: number };
  language: Language;
  busy: boolean;
  fields: Record<string, string>;
}) {
  const { t } = useTranslation();
  const text = useCalendarText(language);
  const key = `${settings.workingDays.join("")}-${settings.shifts}-${settings.unitsPerShift}`;
  return (
    <Form method="post" className="calendar-form" key={key}>
      <input type="hidden" name="intent" value="calendar" />
      <input type="hidden" name="line" value={line} />
      <fieldset className="field" aria-describedby={fields.workingDays ? `wd-error-${line}` : undefined}>
        <legend>{t("calendar.workingDays")}</legend>
        {WEEKDAYS.map((w) => (
          <label key={w} className="checkbox">
            <input type="checkbox" name="workingDays" value={w} defaultChecked={settings.workingDays.includes(w)} /> {weekdayName(w, language, "short")}
          </label>
        ))}
        {fields.workingDays ? (
          <p id={`wd-error-${line}`} className="field__error">
            {text(fields.workingDays)}
          </p>
        ) : null}
      </fieldset>
      <div className="field">
        <label htmlFor={`shifts-${line}`}>{t("calendar.shifts")}</label>
        <select id={`shifts-${line}`} name="shifts" defaultValue={String(settings.shifts)}>
          {Array.from({ length: MAX_SHIFTS }, (_, i) => i + 1).map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
        {fields.shifts ? <p className="field__error">{text(fields.shifts)}</p> : null}
      </div>
      <div className="field">
        <label htmlFor={`ups-${line}`}>{t("calendar.unitsPerShift")}</label>
        <input id={`ups-${line}`} type="number" name="unitsPerShift" min={0} max={100000} defaultValue={settings.unitsPerShift} required />
        {fields.unitsPerShift ? <p className="field__error">{text(fields.unitsPerShift)}</p> : null}
      </div>
      <p className="field__hint">{t("calendar.perDay", { units: settings.shifts * settings.unitsPerShift })}</p>
      <button type="submit" className="button button--small" disabled={busy}>
        {t("capacity.save")}
      </button>
    </Form>
  );
}

export function HolidayList({
  line,
  holidays,
  firstDay,
  language,
  busy,
  fields,
}: {
  line: string;
  holidays: { day: string; name: string }[];
  firstDay: string;
  language: Language;
  busy: boolean;
  fields: Record<string, string>;
}) {
  const { t } = useTranslation();
  const text = useCalendarText(language);
  return (
    <section className="holidays" aria-labelledby={`hol-${line}`}>
      <h3 id={`hol-${line}`}>{t("calendar.holidays")}</h3>
      {holidays.length === 0 ? <p className="muted">{t("calendar.noHolidays")}</p> : null}
      <ul className="holidays__list">
        {holidays.map((h) => (
          <li key={h.day}>
            <Form method="post" className="inline-form">
              <input type="hidden" name="intent" value="open" />
              <input type="hidden" name="line" value={line} />
              <input type="hidden" name="day" value={h.day} />
              <span>
                {formatDay(h.day, language)} — {h.name}
              </span>
              <button type="submit" className="button button--small button--secondary" disabled={busy} aria-label={t("calendar.removeHoliday", { name: h.name })}>
                {t("calendar.remove")}
              </button>
            </Form>
          </li>
        ))}
      </ul>
      <Form method="post" className="inline-form">
        <input type="hidden" name="intent" value="holiday" />
        <input type="hidden" name="line" value={line} />
        <label htmlFor={`hday-${line}`}>{t("calendar.holidayDay")}</label>
        <input id={`hday-${line}`} type="date" name="day" min={firstDay} required />
        <label htmlFor={`hname-${line}`}>{t("calendar.holidayName")}</label>
        <input id={`hname-${line}`} type="text" name="name" maxLength={100} required />
        <button type="submit" className="button button--small" disabled={busy}>
          {t("calendar.addHoliday")}
        </button>
      </Form>
      {fields.day || fields.name ? (
        <div className="field__error" role="alert">
          {fields.day ? <p>{text(fields.day)}</p> : null}
          {fields.name ? <p>{text(fields.name)}</p> : null}
        </div>
      ) : null}
    </section>
  );
}
