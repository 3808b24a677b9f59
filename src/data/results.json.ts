// Build-time results (metrics, lights, ranking, bed gaps, per-village coverage, timeline): loaders/artifacts.ts.
// The region is parsed once per build (loaders/build-cache.ts); this loader prints the cached artifact.
import {printArtifact} from "../../loaders/build-cache.ts";

await printArtifact("results.json");
