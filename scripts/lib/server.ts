/**
 * The production server (server.js) for the benchmarks that drive it over
 * HTTP: started on a free port with the environment the benchmark gives it,
 * ready once /healthz answers 200, stopped with SIGTERM (SIGKILL after 20 s).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";

/** A TCP port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}

export interface ServerOptions {
  /** Variables set over this process's environment (PORT is set here). */
  env: Record<string, string>;
  /** Variables of this process's environment the server must not see. */
  unset: string[];
  /** The host of the base URL (e.g. "127.0.0.1" or "localhost"). */
  host: string;
  /** Node options before server.js (e.g. --cpu-prof); none by default. */
  args?: string[];
  /** How much of the server's stderr (the last characters) an error quotes. */
  stderrTail: number;
}

/** Starts `node server.js` in `root`; throws (with the tail of its stderr) if it exits or isn't healthy within 120 s. */
export async function startServer(root: string, options: ServerOptions): Promise<{ baseUrl: string; port: number; server: ChildProcess }> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), ...options.env };
  for (const name of options.unset) delete env[name];
  // stdout (a JSON line per request) is dropped: an unread pipe would stall the server.
  const server = spawn(process.execPath, [...(options.args ?? []), "server.js"], { cwd: root, env, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  server.stderr?.on("data", (chunk) => (stderr = (stderr + chunk).slice(-options.stderrTail)));
  const baseUrl = `http://${options.host}:${port}`;
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}: ${stderr}`);
    try {
      if ((await fetch(`${baseUrl}/healthz`)).status === 200) return { baseUrl, port, server };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  server.kill("SIGKILL");
  throw new Error("server not healthy after 120 s");
}

export async function stopServer(server: ChildProcess) {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise((r) => server.once("exit", r));
  server.kill("SIGTERM");
  const timer = setTimeout(() => server.kill("SIGKILL"), 20_000);
  await exited;
  clearTimeout(timer);
}
