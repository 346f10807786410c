/**
 * The queue as CSV (/planning/queue.csv), streamed (decision 052): a
 * ReadableStream that reads the next keyset batch of the queue only when the
 * response has sent the previous one, so the first bytes leave after one
 * batch and memory stays flat whatever the number of orders. Column names
 * are stable identifiers (for spreadsheets and scripts), not translated
 * labels; totals are minor units with their currency.
 */
import type { Executor } from "#db/client";
import { csvRecord, type CsvCell } from "~/utils/csv";
import { queueRows, type QueueRow } from "./queue.server";

/** The export's columns in order: the header, and the cell a row gives it (`lineName` is the line's English name). */
export const QUEUE_CSV_COLUMNS: readonly { header: string; cell: (row: QueueRow, lineName: string) => CsvCell }[] = [
  { header: "number", cell: (r) => r.number },
  { header: "tier", cell: (r) => r.tier },
  { header: "line", cell: (r) => r.line },
  { header: "line_name", cell: (_r, lineName) => lineName },
  { header: "status", cell: (r) => r.status },
  { header: "build_date", cell: (r) => r.buildDate },
  { header: "ordered_at", cell: (r) => r.orderedAt.toISOString() },
  { header: "dealership", cell: (r) => r.dealership?.code ?? null },
  { header: "total_minor", cell: (r) => r.total },
  { header: "currency", cell: (r) => r.currency },
];

/** How many orders one chunk of the stream holds (one query each). */
export const CSV_BATCH = 1000;

/**
 * The CSV of every order `queueRows` walks for `params` (the queue's filters
 * and sort, or a selection), header first, one chunk per batch. The header
 * goes with the first batch, so the first byte means the data has started.
 */
export function queueCsvStream(
  db: Executor,
  params: Parameters<typeof queueRows>[1],
  lineNames: Readonly<Record<string, string>>,
  batch = CSV_BATCH,
): ReadableStream<Uint8Array> {
  const rows = queueRows(db, params, batch)[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  let chunk = csvRecord(QUEUE_CSV_COLUMNS.map((c) => c.header));
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      for (let n = 0; n < batch; n++) {
        const next = await rows.next();
        if (next.done) {
          if (chunk) controller.enqueue(encoder.encode(chunk));
          controller.close();
          return;
        }
        const r = next.value;
        chunk += csvRecord(QUEUE_CSV_COLUMNS.map((c) => c.cell(r, lineNames[r.line] ?? r.line)));
      }
      controller.enqueue(encoder.encode(chunk));
      chunk = "";
    },
    // The download was abandoned: end the walk (no further queries).
    async cancel() {
      await rows.return?.(undefined);
    },
  });
}
