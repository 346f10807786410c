/**
 * e2e runner: starts the production server (a build must exist) on a free
 * port with a fresh embedded database, runs the browser journeys with Node's
 * test runner, stops the server with SIGTERM and checks that it exits 0.
 *
 *   node e2e/run.js [files...]   (default: every e2e/*.e2e.ts)
 */
import { spawn } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const e2eDir = join(root, "e2e");
const resultsDir = join(e2eDir, "results");
mkdirSync(resultsDir, { recursive: true });

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url, server, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode} during start-up (see e2e/results/server.log)`);
    try {
      const response = await fetch(url);
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server not healthy after ${timeoutMs} ms (see e2e/results/server.log)`);
}

function waitForExit(child, timeoutMs) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ code: null, signal: "timeout" }), timeoutMs);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal });
    });
  });
}

async function main() {
  if (!existsSync(join(root, "build/server/index.js"))) {
    console.error("e2e: no production build; run `npm run build` first (npm run test:e2e does).");
    process.exit(1);
  }
  const files = process.argv.slice(2).length
    ? process.argv.slice(2)
    : readdirSync(e2eDir).filter((f) => f.endsWith(".e2e.ts")).sort().map((f) => join("e2e", f));

  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  const dataRoot = mkdtempSync(join(tmpdir(), "atelier-e2e-"));
  const env = { ...process.env, PORT: String(port), PGLITE_DIR: join(dataRoot, "pglite"), DATA_DIR: join(dataRoot, "data"), NODE_ENV: "production" };
  // Trust X-Forwarded-For from loopback only: the rate-limit journey poses as another client address that way.
  env.TRUST_PROXY = "loopback";
  // The scene page (/dev/scene) for the 3D pixel tests: it shows only procedural models, no data.
  env.ATELIER_SCENE_PAGE = "1";
  delete env.DATABASE_URL; // always the embedded database, never someone's real one

  const serverLog = createWriteStream(join(resultsDir, "server.log"));
  const server = spawn(process.execPath, ["server.js"], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  server.stdout.pipe(serverLog);
  server.stderr.pipe(serverLog);

  let testCode = 1;
  let counts = { pass: 0, fail: 0, skipped: 0 };
  try {
    const started = Date.now();
    await waitForHealth(`${baseUrl}/healthz`, server, 240_000);
    console.log(`e2e: server up at ${baseUrl} in ${Date.now() - started} ms`);

    const tests = spawn(
      process.execPath,
      ["--import", "tsx", "--test", "--test-concurrency=1", "--test-reporter=spec", ...files],
      { cwd: root, env: { ...process.env, BASE_URL: baseUrl }, stdio: ["ignore", "pipe", "inherit"] },
    );
    let output = "";
    tests.stdout.on("data", (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    testCode = await new Promise((resolve) => tests.once("exit", (code) => resolve(code ?? 1)));
    const count = (name) => Number(output.match(new RegExp(`^\\S*\\s*${name} (\\d+)$`, "m"))?.[1] ?? 0);
    counts = { pass: count("pass"), fail: count("fail"), skipped: count("skipped") };
  } catch (error) {
    console.error(`e2e: ${error.message}`);
  }

  server.kill("SIGTERM");
  const exit = await waitForExit(server, 20_000);
  await new Promise((resolve) => serverLog.end(resolve));
  let serverOk = exit.code === 0;
  if (!serverOk) {
    if (exit.signal === "timeout") server.kill("SIGKILL");
    console.error(`e2e: the server did not exit cleanly on SIGTERM (code ${exit.code}, signal ${exit.signal})`);
  } else {
    console.log("e2e: server stopped on SIGTERM with exit code 0");
  }
  rmSync(dataRoot, { recursive: true, force: true });

  // No journey should make the server log an error (a 500, an unhandled exception).
  const errors = readFileSync(join(resultsDir, "server.log"), "utf8")
    .split("\n")
    .filter((line) => line.includes('"level":"error"') || (line.trim() && !line.startsWith("{")));
  const serverErrors = errors.filter((line) => line.includes('"level":"error"'));
  if (errors.length) console.log(`e2e: the server wrote ${errors.length} unexpected line(s):\n${errors.slice(0, 10).join("\n")}`);
  if (serverErrors.length) serverOk = false;

  const failed = counts.fail + (serverOk ? 0 : 1);
  console.log(`e2e: ${counts.pass} passed, ${failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ""}`);
  process.exit(testCode === 0 && serverOk && counts.pass > 0 ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
