// Project items and per-project totals on the data date: loaders/artifacts.ts projectsArtifact.
// The region is parsed once per build (loaders/build-cache.ts); this loader prints the cached artifact.
import {printArtifact} from "../../loaders/build-cache.ts";

await printArtifact("projects.json");
