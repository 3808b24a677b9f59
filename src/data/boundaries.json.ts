// County and township boundaries for the maps: loaders/artifacts.ts boundariesArtifact.
// The region is parsed once per build (loaders/build-cache.ts); this loader prints the cached artifact.
import {printArtifact} from "../../loaders/build-cache.ts";

await printArtifact("boundaries.json");
