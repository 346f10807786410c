/**
 * Development-only page for looking at the 3D scene: /dev/scene?model=sedan&keys=a,b&camera=front
 * (optional w, h in px). Answers 404 in production builds, unless the server runs with
 * ATELIER_SCENE_PAGE=1 (the e2e runner and `npm run bench:scene` do: they test and time the production
 * build's scene). It shows no data, only the procedural models. The labels are placeholders on purpose:
 * this page is never shown to users.
 */
import { type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { type CameraPreset } from "~/scene/camera-presets";
import { ScenePreview } from "~/scene/ScenePreview";

export function loader(_: LoaderFunctionArgs) {
  if (process.env.NODE_ENV === "production" && process.env.ATELIER_SCENE_PAGE !== "1") throw new Response("Not found", { status: 404 });
  return null;
}

export default function DevScene() {
  useLoaderData<typeof loader>();
  const [params, setParams] = useSearchParams();
  const model = params.get("model") ?? "sedan";
  const keys = (params.get("keys") ?? "").split(",").filter(Boolean);
  const camera = (params.get("camera") ?? "front") as CameraPreset;
  const w = Number(params.get("w") ?? 1200);
  const h = Number(params.get("h") ?? 700);
  return (
    <div style={{ width: w, height: h, margin: 0 }}>
      <ScenePreview
        model={model}
        visualKeys={keys}
        camera={camera}
        onCameraChange={(c) => {
          const next = new URLSearchParams(params);
          next.set("camera", c);
          setParams(next, { replace: true });
        }}
        cameraLabels={{ front: "F", side: "S", rear: "R", interior: "I" }}
      />
    </div>
  );
}
