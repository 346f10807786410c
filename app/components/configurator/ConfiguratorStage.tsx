/** The configurator's 3D view (or its still picture) with the camera presets, labelled in the reader's language. */
import { useDeferredValue } from "react";
import { useTranslation } from "react-i18next";
import { selectVisualKeys } from "~/domain/configurator.selectors";
import { CAMERA_PRESETS, presetView, type CameraPreset } from "~/scene/camera-presets";
import { ScenePreview } from "~/scene/ScenePreview";
import { useConfigurator, useConfiguratorSelector } from "./context";

export function ConfiguratorStage({ camera, onCameraChange }: { camera: CameraPreset; onCameraChange: (camera: CameraPreset) => void }) {
  const { t } = useTranslation();
  const { line } = useConfigurator();
  const model = line.visualModel ?? line.code;
  // The 3D view follows at low priority: the price and availability are painted first, the scene a moment after.
  const visualKeys = useDeferredValue(useConfiguratorSelector(selectVisualKeys));
  return (
    <div className="configurator__stage">
      <ScenePreview
        line={line.code}
        model={model}
        visualKeys={visualKeys}
        camera={camera}
        onCameraChange={onCameraChange}
        cameraLabels={Object.fromEntries(CAMERA_PRESETS.map((p) => [p, t(`configurator.camera.${presetView(model, p)}`)])) as Record<CameraPreset, string>}
        cameraGroupLabel={t("configurator.camera.label")}
        viewLabels={{
          show3d: t("configurator.scene.show3d"),
          showPicture: t("configurator.scene.showPicture"),
          softwareHint: t("configurator.scene.softwareHint"),
          loading3d: t("configurator.scene.loading3d"),
        }}
      />
    </div>
  );
}
