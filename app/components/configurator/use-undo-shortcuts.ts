/**
 * Undo/redo from the keyboard: Ctrl/Cmd+Z undoes, Ctrl/Cmd+Shift+Z and Ctrl+Y
 * redo. Inside a text field the browser's own text undo wins.
 */
import { useEffect } from "react";
import type { ConfiguratorActor } from "./context";

/** The history command a key press means, if any. */
export function undoCommand(event: Pick<KeyboardEvent, "key" | "ctrlKey" | "metaKey" | "shiftKey" | "altKey">): "UNDO" | "REDO" | null {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return null;
  const key = event.key.toLowerCase();
  if (key === "z") return event.shiftKey ? "REDO" : "UNDO";
  if (key === "y" && event.ctrlKey && !event.shiftKey) return "REDO";
  return null;
}

function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement) return true;
  return target instanceof HTMLInputElement && !["button", "checkbox", "radio", "submit", "reset"].includes(target.type);
}

export function useUndoShortcuts(actor: ConfiguratorActor) {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const command = undoCommand(event);
      if (!command || isTextEntry(event.target)) return;
      event.preventDefault();
      actor.send({ type: command });
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [actor]);
}
