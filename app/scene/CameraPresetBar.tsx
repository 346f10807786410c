/**
 * DOM overlay with the camera preset buttons. Sits outside the canvas; labels
 * come from the page (translated), so this component holds no UI text.
 */
import { CAMERA_PRESETS, type CameraPreset } from "./camera-presets";

export interface CameraPresetBarProps {
  value: CameraPreset;
  onChange: (preset: CameraPreset) => void;
  labels: Record<CameraPreset, string>;
  /** Accessible name of the button group (translated). */
  groupLabel?: string;
  className?: string;
}

export function CameraPresetBar({ value, onChange, labels, groupLabel, className }: CameraPresetBarProps) {
  return (
    <div role="group" aria-label={groupLabel} className={className ?? "scene-camera-bar"} style={barStyle} data-testid="camera-presets">
      {CAMERA_PRESETS.map((p) => (
        <button key={p} type="button" aria-pressed={p === value} data-preset={p} onClick={() => onChange(p)} style={buttonStyle(p === value)}>
          {labels[p]}
        </button>
      ))}
    </div>
  );
}

// Layout only (over the bottom of the scene); colors stay neutral so page styles can take over.
const barStyle: React.CSSProperties = {
  position: "absolute",
  left: "50%",
  bottom: 12,
  transform: "translateX(-50%)",
  display: "flex",
  gap: 4,
  padding: 4,
  borderRadius: 999,
  background: "rgba(255,255,255,0.82)",
  boxShadow: "0 1px 4px rgba(0,0,0,0.12)",
};

function buttonStyle(active: boolean): React.CSSProperties {
  return {
    border: 0,
    borderRadius: 999,
    padding: "6px 14px",
    font: "inherit",
    fontSize: 13,
    cursor: "pointer",
    background: active ? "#1d1f23" : "transparent",
    color: active ? "#fff" : "#1d1f23",
  };
}
