/**
 * One JSON object per line on stdout, the same shape server.js writes for
 * requests, so a log shipper needs one parser. Errors keep their stack here
 * (logs are private); pages never show it.
 */
type Fields = Record<string, unknown>;
type Level = "info" | "warn" | "error";

function write(level: Level, msg: string, fields: Fields = {}) {
  const line = JSON.stringify({ level, time: new Date().toISOString(), msg, ...fields }, (_key, value) =>
    value instanceof Error ? { name: value.name, message: value.message, stack: value.stack } : value,
  );
  process.stdout.write(`${line}\n`);
}

export const log = {
  info: (msg: string, fields?: Fields) => write("info", msg, fields),
  warn: (msg: string, fields?: Fields) => write("warn", msg, fields),
  error: (msg: string, fields?: Fields) => write("error", msg, fields),
};
