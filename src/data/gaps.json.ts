// Gap polygons per tier (each township's area outside every service circle of the tier): loaders/artifacts.ts.
// The region is parsed once per build (loaders/build-cache.ts); this loader prints the cached artifact.
import {printArtifact} from "../../loaders/build-cache.ts";

await printArtifact("gaps.json");
