import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { getEnv } from "~/.server/platform/env.server";
import { resolveSessionSecrets } from "./secrets.server";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "atelier-secret-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("session secret", () => {
  it("uses SESSION_SECRET, split for rotation", () => {
    const a = "a".repeat(32);
    const b = "b".repeat(40);
    expect(resolveSessionSecrets(getEnv({ SESSION_SECRET: `${a}, ${b}`, NODE_ENV: "production" }))).toEqual([a, b]);
  });

  it("refuses a short SESSION_SECRET", () => {
    expect(() => getEnv({ SESSION_SECRET: "too-short" })).toThrow(/at least 32 characters/);
  });

  it("without SESSION_SECRET, generates one into the data folder (mode 600) and keeps it across restarts", () => {
    const dataDir = path.join(dir, "nested", ".data"); // missing parents are created
    const env = getEnv({ NODE_ENV: "production", DATA_DIR: dataDir });
    const [first] = resolveSessionSecrets(env);
    expect(first.length).toBeGreaterThanOrEqual(32);
    const file = path.join(dataDir, "session-secret");
    expect(fs.readFileSync(file, "utf8").trim()).toBe(first);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(resolveSessionSecrets(env)).toEqual([first]);
  });

  it("is random per process in tests", () => {
    const env = getEnv({ NODE_ENV: "test" });
    expect(resolveSessionSecrets(env)[0]).not.toBe(resolveSessionSecrets(env)[0]);
  });
});
