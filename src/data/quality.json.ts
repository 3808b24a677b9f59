// The load report for the data-quality page: loaders/artifacts.ts qualityArtifact.
// The region is parsed once per build (loaders/build-cache.ts); this loader prints the cached artifact.
import {printArtifact} from "../../loaders/build-cache.ts";

await printArtifact("quality.json");
